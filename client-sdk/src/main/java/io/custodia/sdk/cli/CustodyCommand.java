package io.custodia.sdk.cli;

import io.custodia.canonical.Signatures;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.CustodyChainEntry;
import io.custodia.sdk.client.CustodyHead;
import io.custodia.sdk.client.CustodyHopRecord;
import io.custodia.sdk.client.CustodyHopSubmission;
import io.custodia.sdk.client.CustodyKey;
import io.custodia.sdk.client.IdempotencyKey;
import io.custodia.sdk.custody.CustodyHop;
import io.custodia.sdk.custody.CustodyHopSigner;
import io.custodia.sdk.custody.KeyMaterialException;
import io.custodia.sdk.custody.PemKeyMaterial;
import io.custodia.sdk.custody.SignedCustodyHop;
import io.custodia.sdk.verify.ChainVerification;
import io.custodia.sdk.verify.CustodyChainVerifier;
import io.custodia.sdk.verify.CustodyRecordException;
import io.custodia.sdk.verify.CustodyRecords;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia custody key register|head|sign-and-record|show|verify}.
 *
 * <pre>{@code
 * custodia custody key register --cert cert.pem
 * custodia custody sign-and-record ds-001 --key key.pem --cert cert.pem --to Org2MSP --action TRANSFER
 * custodia custody verify ds-001     # offline re-verification of every signature and link; exit 1 if bad
 * }</pre>
 */
@Command(name = "custody", mixinStandardHelpOptions = true, description = "Custody keys and signed custody hops.",
        subcommands = {CustodyCommand.Key.class, CustodyCommand.Head.class, CustodyCommand.SignAndRecord.class,
            CustodyCommand.Show.class, CustodyCommand.Verify.class})
public final class CustodyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: key, head, sign-and-record, show or verify");
    }

    /** {@code custodia custody key register}. */
    @Command(name = "key", mixinStandardHelpOptions = true, description = "Custody signing keys.", subcommands = KeyRegister.class)
    public static final class Key implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: register");
        }
    }

    /** Registers a certificate as the institution's custody key. */
    @Command(name = "register", mixinStandardHelpOptions = true, description = "Register an EC P-256 certificate as a custody key.")
    public static final class KeyRegister implements Callable<Integer> {
        @Option(names = "--cert", required = true, paramLabel = "PEM")
        Path cert;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public KeyRegister(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException, KeyMaterialException {
            final String pem = PemKeyMaterial.toPem(PemKeyMaterial.readCertificate(cert));
            final CustodyKey key = gateway.client(ctx).custody().registerKey(pem);
            if (gateway.json) {
                ctx.printJson(key);
            } else {
                ctx.println("registered custody key " + key.keyId() + " for " + key.owner() + " (" + key.status() + ")");
            }
            return ExitCodes.OK;
        }
    }

    /** Prints the custody head. */
    @Command(name = "head", mixinStandardHelpOptions = true, description = "Show what the next hop must sign against.")
    public static final class Head implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET_ID")
        String datasetId;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Head(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final CustodyHead head = gateway.client(ctx).custody().head(datasetId);
            if (gateway.json) {
                ctx.printJson(head);
            } else {
                ctx.println("sequence " + head.sequence() + ", last hop " + (head.lastHopHash().isEmpty() ? "(none)" : head.lastHopHash())
                        + ", content " + head.contentHash() + ", holders " + head.holders());
            }
            return ExitCodes.OK;
        }
    }

    /** Signs the next hop locally and records it. */
    @Command(name = "sign-and-record", mixinStandardHelpOptions = true,
            description = "Build the next hop from the custody head, sign it with your key locally, and record it.")
    public static final class SignAndRecord implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET_ID")
        String datasetId;

        @Option(names = "--key", required = true, paramLabel = "PEM", description = "Private key (PKCS#8 or SEC1 PEM).")
        Path key;

        @Option(names = "--cert", required = true, paramLabel = "PEM", description = "The registered certificate of that key.")
        Path cert;

        @Option(names = "--to", required = true, paramLabel = "MSP")
        String to;

        @Option(names = "--action", required = true, paramLabel = "ACTION", description = "TRANSFER, COPY, DERIVE or DELETE.")
        String action;

        @Option(names = "--from", paramLabel = "MSP", description = "Sender; default: the token's institution.")
        String from;

        @Option(names = "--content-hash", paramLabel = "HEX", description = "Content hash at this hop; default: the head's (only DERIVE may change it).")
        String contentHash;

        @Option(names = "--idempotency-key", paramLabel = "KEY")
        String idempotencyKey;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public SignAndRecord(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException, KeyMaterialException {
            final CustodyHopSigner signer = CustodyHopSigner.fromPemFiles(key, cert);
            final CustodiaClient client = gateway.client(ctx);
            final String sender = from != null ? from : gateway.tokenInstitution(ctx).orElseThrow(() -> new CliException(
                    ExitCodes.USAGE, "--from is required (the token names no institution)"));
            final CustodyHead head = client.custody().head(datasetId);
            final SignedCustodyHop signed = signer.sign(new CustodyHop(datasetId, head.sequence() + 1, head.lastHopHash(),
                    sender, to, action.toUpperCase(java.util.Locale.ROOT), contentHash != null ? contentHash : head.contentHash()));
            final String keyId = Signatures.fingerprint(signer.certificate());
            final IdempotencyKey idem = idempotencyKey == null ? IdempotencyKey.random() : IdempotencyKey.of(idempotencyKey);
            final CustodyHopRecord record = client.custody().recordHop(datasetId, CustodyHopSubmission.of(signed, keyId), idem);
            if (gateway.json) {
                ctx.printJson(record);
            } else {
                ctx.println("recorded hop " + record.hop().sequence() + " " + record.hop().from() + " -> " + record.hop().to() + " "
                        + record.hop().action() + ", hop hash " + record.hopHash() + ", transaction " + record.txId());
            }
            return ExitCodes.OK;
        }
    }

    /** Lists the chain. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "List every custody hop of a dataset.")
    public static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET_ID")
        String datasetId;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Show(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final List<CustodyChainEntry> chain = gateway.client(ctx).custody().fullChain(datasetId);
            if (gateway.json) {
                ctx.printJson(chain);
            } else {
                for (final CustodyChainEntry entry : chain) {
                    final CustodyHopRecord r = entry.record();
                    ctx.println(r.hop().sequence() + "  " + r.recordedAt() + "  " + r.hop().from() + " -> " + r.hop().to() + "  "
                            + r.hop().action() + "  content " + r.hop().contentHash() + "  key " + r.hop().keyId() + " (" + entry.keyStatus() + ")");
                }
            }
            return ExitCodes.OK;
        }
    }

    /** Re-verifies the chain offline. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Fetch the chain and verify every signature, sequence, link and content hash locally. Exit 1 if bad.")
    public static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET_ID")
        String datasetId;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Verify(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException, CustodyRecordException {
            final List<CustodyChainEntry> chain = gateway.client(ctx).custody().fullChain(datasetId);
            if (chain.isEmpty()) {
                throw new CliException(ExitCodes.MISMATCH, "dataset " + datasetId + " has no custody hop to verify");
            }
            final ChainVerification v = CustodyChainVerifier.builder().build().verify(CustodyRecords.toSignedHops(chain));
            if (gateway.json) {
                final Map<String, Object> out = new LinkedHashMap<>();
                out.put("valid", v.valid());
                out.put("hopCount", v.hopCount());
                v.firstBadHop().ifPresent(b -> out.put("firstBadHop", b));
                v.lastHopHash().ifPresent(h -> out.put("lastHopHash", h));
                ctx.printJson(out);
            } else {
                ctx.println(v.describe());
            }
            return v.valid() ? ExitCodes.OK : ExitCodes.MISMATCH;
        }
    }
}
