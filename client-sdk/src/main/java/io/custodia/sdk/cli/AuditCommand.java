package io.custodia.sdk.cli;

import io.custodia.sdk.client.AccessEvent;
import io.custodia.sdk.client.AccessEventQuery;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.verify.AccessTrailVerifier;
import io.custodia.sdk.verify.TrailExpectations;
import io.custodia.sdk.verify.TrailVerification;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code custodia audit trail}: every access event of a dataset, institution or subject, checked for
 * consistency by {@link AccessTrailVerifier}. Exit 1 when the trail is inconsistent.
 *
 * <pre>{@code
 * custodia audit trail --dataset ds-001 --token "$AUDITOR_TOKEN"
 * }</pre>
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Access trails.", subcommands = {AuditCommand.Trail.class, AuditBundleCommand.Bundle.class, AuditBundleCommand.VerifyBundle.class})
public final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: trail");
    }

    /** {@code custodia audit trail}. */
    @Command(name = "trail", mixinStandardHelpOptions = true,
            description = "List access events (all pages) and check them: IDs unique, time order, query match, counts and roots. Exit 1 if inconsistent.")
    public static final class Trail implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Selector selector;

        /** Exactly one selector. */
        static final class Selector {
            @Option(names = "--dataset", required = true, paramLabel = "ID")
            String datasetId;

            @Option(names = "--institution", required = true, paramLabel = "MSP")
            String institution;

            @Option(names = "--subject", required = true, paramLabel = "REF")
            String subjectRef;
        }

        @Option(names = "--from", paramLabel = "INSTANT", description = "Inclusive start, e.g. 2026-01-01T00:00:00Z.")
        String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Exclusive end.")
        String to;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Trail(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            AccessEventQuery query = selector.datasetId != null ? AccessEventQuery.byDataset(selector.datasetId)
                    : selector.institution != null ? AccessEventQuery.byInstitution(selector.institution)
                    : AccessEventQuery.bySubject(selector.subjectRef);
            query = query.between(instant("--from", from), instant("--to", to));
            final List<AccessEvent> events = gateway.client(ctx).audit().fullTrail(query);
            final TrailVerification v = AccessTrailVerifier.create().verify(events, TrailExpectations.forQuery(query));
            if (gateway.json) {
                final Map<String, Object> out = new LinkedHashMap<>();
                out.put("events", events);
                out.put("consistent", v.consistent());
                out.put("findings", v.findings().stream().map(f -> f.describe()).toList());
                ctx.printJson(out);
            } else {
                for (final AccessEvent e : events) {
                    ctx.println(e.decidedAt() + "  " + e.eventId() + "  " + e.datasetId() + "  " + e.requester() + "  "
                            + (e.purpose() == null ? "-" : e.purpose().display()) + "  " + e.decision() + "  "
                            + e.subjectsReleased() + "/" + e.subjectsConsidered()
                            + (e.reasons().isEmpty() ? "" : "  " + String.join(",", e.reasons())));
                }
                ctx.println(v.describe());
            }
            return v.consistent() ? ExitCodes.OK : ExitCodes.MISMATCH;
        }

        static Instant instant(final String option, final String text) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CliException(ExitCodes.USAGE, option + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z", e);
            }
        }
    }
}
