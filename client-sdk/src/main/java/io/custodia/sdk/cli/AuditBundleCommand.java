package io.custodia.sdk.cli;

import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.PrivateFiles;
import io.custodia.canonical.SignedNote;
import io.custodia.sdk.client.AccessEvent;
import io.custodia.sdk.client.AccessEventQuery;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.NotFoundException;
import io.custodia.sdk.client.TransparencyLog;
import io.custodia.sdk.transparency.AuditBundle;
import io.custodia.sdk.transparency.BundleVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia audit bundle} and {@code custodia audit verify-bundle}: an access trail with its
 * transparency-log proofs in one file, verified with no network (docs/transparency.md).
 *
 * <pre>{@code
 * custodia audit bundle --dataset ds-001 --out ds-001.bundle.json --token "$AUDITOR_TOKEN"
 * custodia audit verify-bundle ds-001.bundle.json --log-key "$LOG_VKEY" --witness-key "$WITNESS_VKEY"
 * }</pre>
 */
public final class AuditBundleCommand {
    private AuditBundleCommand() {}

    /** {@code custodia audit bundle (--dataset|--institution) [--from --to] --out FILE}. */
    @Command(name = "bundle", mixinStandardHelpOptions = true,
            description = "Write the access events of a dataset or institution, their log inclusion proofs and the signed checkpoint to one file.")
    public static final class Bundle implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Selector selector;

        /** Exactly one selector. */
        static final class Selector {
            @Option(names = "--dataset", required = true, paramLabel = "ID")
            String datasetId;

            @Option(names = "--institution", required = true, paramLabel = "MSP")
            String institution;
        }

        @Option(names = "--from", paramLabel = "INSTANT", description = "Inclusive start, e.g. 2026-01-01T00:00:00Z.")
        String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Exclusive end.")
        String to;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file to write.")
        Path out;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Bundle(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final AccessEventQuery query = (selector.datasetId != null ? AccessEventQuery.byDataset(selector.datasetId)
                    : AccessEventQuery.byInstitution(selector.institution))
                    .between(AuditCommand.Trail.instant("--from", from), AuditCommand.Trail.instant("--to", to));
            final CustodiaClient client = gateway.client(ctx);
            final List<AccessEvent> events = client.audit().fullTrail(query);
            // The checkpoint after the trail, so it covers every event the trail showed (once the log caught up).
            final String note = client.log().checkpoint();
            final long size;
            try {
                size = Checkpoint.parse(SignedNote.parse(note).text()).size();
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.UNAVAILABLE, "the gateway's checkpoint is malformed: " + e.getMessage(), e);
            }
            final List<AuditBundle.Item> items = new ArrayList<>();
            for (final AccessEvent event : events) {
                final TransparencyLog.LeafProof proof;
                try {
                    proof = client.log().inclusionProofOfEvent(event.eventId(), size);
                } catch (NotFoundException e) {
                    throw new CliException(ExitCodes.UNAVAILABLE, "event " + event.eventId() + " is not in the log's tree of "
                            + size + " leaves yet; run again in a moment", e);
                }
                items.add(new AuditBundle.Item(event, proof.leafIndex(), Base64.getEncoder().encodeToString(proof.leaf()),
                        proof.proof().stream().map(p -> Base64.getEncoder().encodeToString(p)).toList()));
            }
            final AuditBundle bundle = new AuditBundle(AuditBundle.FORMAT, note, query.toString(), items);
            try {
                PrivateFiles.write(out, CliContext.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle));
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot write " + out + ": " + e.getMessage(), e);
            }
            ctx.println("bundle: " + items.size() + " events proved against a checkpoint of " + size + " leaves -> " + out);
            return ExitCodes.OK;
        }
    }

    /** {@code custodia audit verify-bundle FILE --log-key K [--witness-key W ...]}. */
    @Command(name = "verify-bundle", mixinStandardHelpOptions = true,
            description = "Verify a bundle with no network: checkpoint signature, witness cosignatures, each event's leaf and inclusion proof. Exit 1 naming what failed.")
    public static final class VerifyBundle implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--log-key", required = true, paramLabel = "VKEY", description = "The log's verifier key (pinned out of band).")
        String logKey;

        @Option(names = "--witness-key", paramLabel = "VKEY", description = "A witness whose cosignature is required (repeatable).")
        List<String> witnessKeys = new ArrayList<>();

        private final CliContext ctx;

        public VerifyBundle(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            final NoteKey log = key("--log-key", logKey);
            final List<NoteKey> witnesses = new ArrayList<>();
            witnessKeys.forEach(k -> witnesses.add(key("--witness-key", k)));
            final AuditBundle bundle;
            try {
                bundle = CliContext.json().readValue(Files.readAllBytes(file), AuditBundle.class);
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read bundle " + file + ": " + e.getMessage(), e);
            }
            final List<String> failures = BundleVerifier.verify(bundle, log, witnesses);
            if (failures.isEmpty()) {
                ctx.println("bundle verified: " + bundle.events().size() + " events in the signed log"
                        + (witnesses.isEmpty() ? "" : ", cosigned by " + witnesses.size() + " witness(es)"));
                return ExitCodes.OK;
            }
            failures.forEach(f -> ctx.println("FAILED: " + f));
            return ExitCodes.MISMATCH;
        }

        private static NoteKey key(final String option, final String text) {
            try {
                return NoteKey.parseVerifierKey(text);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, option + ": " + e.getMessage(), e);
            }
        }
    }
}
