package io.custodia.sdk.cli;

import io.custodia.sdk.client.AccessRequest;
import io.custodia.sdk.client.AccessResult;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.DuoTerm;
import io.custodia.sdk.client.IdempotencyKey;
import io.custodia.sdk.client.ReleasedSubject;
import io.custodia.sdk.verify.AccessTrailVerifier;
import io.custodia.sdk.verify.TrailExpectations;
import io.custodia.sdk.verify.TrailVerification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custodia access request}: ask for a dataset for a purpose; prints the decision and the released
 * subjects' pointers, and checks the event's {@code releasedSubjectsRoot} against the released list.
 *
 * <pre>{@code
 * custodia access request --dataset ds-001 --purpose HMB --token "$ORG2_TOKEN"
 * }</pre>
 */
@Command(name = "access", mixinStandardHelpOptions = true, description = "Access requests.", subcommands = AccessCommand.Request.class)
public final class AccessCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: request");
    }

    /** Parses {@code HMB} or {@code DS:MONDO:0005015} into a DUO term. */
    static DuoTerm duo(final String text) {
        final String trimmed = text.strip();
        final int colon = trimmed.indexOf(':');
        return colon < 0 ? DuoTerm.of(trimmed.toUpperCase(java.util.Locale.ROOT))
                : new DuoTerm(trimmed.substring(0, colon).toUpperCase(java.util.Locale.ROOT), Optional.of(trimmed.substring(colon + 1)));
    }

    /** {@code custodia access request}. */
    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Request a dataset for a purpose; a DENY is a recorded decision too (exit 0). Prints released subjects' pointers.")
    public static final class Request implements Callable<Integer> {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String datasetId;

        @Option(names = "--purpose", required = true, paramLabel = "DUO", description = "GRU, HMB, POA or DS:<disease>.")
        String purpose;

        @Option(names = "--request-id", paramLabel = "ID", description = "Request (event) ID; else derived by the gateway.")
        String requestId;

        @Option(names = "--commercial")
        boolean commercial;

        @Option(names = "--for-profit")
        boolean forProfit;

        @Option(names = "--methods-development")
        boolean methodsDevelopment;

        @Option(names = "--genetic-study")
        boolean geneticStudy;

        @Option(names = "--ethics-approval-hash", paramLabel = "HEX")
        String ethicsApprovalHash;

        @Option(names = "--task", paramLabel = "TASK")
        String task;

        @Option(names = "--idempotency-key", paramLabel = "KEY")
        String idempotencyKey;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Request(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final AccessRequest request = new AccessRequest(Optional.ofNullable(requestId), datasetId, duo(purpose), commercial,
                    forProfit, methodsDevelopment, geneticStudy, Optional.ofNullable(ethicsApprovalHash), Optional.ofNullable(task));
            final IdempotencyKey key = idempotencyKey == null ? IdempotencyKey.random() : IdempotencyKey.of(idempotencyKey);
            final AccessResult result = gateway.client(ctx).access().request(request, key);
            // The requester knows exactly who was released: the event's root must commit to that list.
            // Subjects erased between decision and answer come without pointers and are not listed, so the
            // list is complete only when none is missing.
            final List<String> released = result.subjects().stream().map(ReleasedSubject::subjectRef).toList();
            final TrailExpectations expectations = result.subjectsWithoutPointers() == 0
                    ? TrailExpectations.none().withReleased(result.event().eventId(), released) : TrailExpectations.none();
            final TrailVerification check = AccessTrailVerifier.create().verify(List.of(result.event()), expectations);
            if (gateway.json) {
                final Map<String, Object> out = new LinkedHashMap<>();
                out.put("result", result);
                out.put("consistent", check.consistent());
                out.put("findings", check.findings().stream().map(f -> f.describe()).toList());
                ctx.printJson(out);
            } else {
                ctx.println(result.event().decision() + " " + result.event().eventId() + ": " + result.event().subjectsReleased()
                        + " of " + result.event().subjectsConsidered() + " subjects released"
                        + (result.event().reasons().isEmpty() ? "" : "; reasons " + result.event().reasons())
                        + (result.event().flags().isEmpty() ? "" : "; flags " + result.event().flags()));
                result.storageUri().ifPresent(uri -> ctx.println("storage " + uri));
                for (final ReleasedSubject subject : result.subjects()) {
                    ctx.println("  " + subject.subjectRef() + " " + String.join(" ", subject.pointers()));
                }
                if (result.subjectsWithoutPointers() > 0) {
                    ctx.println(result.subjectsWithoutPointers() + " released subjects were erased before their pointers could be returned");
                }
                ctx.println(!check.consistent() ? check.describe() : check.rootsRecomputed() == 1
                        ? "releasedSubjectsRoot matches the released list" : "event fields consistent");
            }
            return check.consistent() ? ExitCodes.OK : ExitCodes.MISMATCH;
        }
    }
}
