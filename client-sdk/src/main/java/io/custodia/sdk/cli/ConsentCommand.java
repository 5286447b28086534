package io.custodia.sdk.cli;

import io.custodia.sdk.client.ConsentRecord;
import io.custodia.sdk.client.ConsentRequest;
import io.custodia.sdk.client.ConsentRevocation;
import io.custodia.sdk.client.ConsentScope;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.DuoTerm;
import io.custodia.sdk.client.IdempotencyKey;
import io.custodia.sdk.client.Page;
import io.custodia.sdk.client.PageRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia consent grant|revoke|list}, as a patient (or a proxy with {@code --delegation}).
 *
 * <pre>{@code
 * custodia consent grant --dataset ds-001 --purpose HMB --grantee Org2MSP --token "$PATIENT_TOKEN"
 * custodia consent revoke c-123 --token "$PATIENT_TOKEN"
 * }</pre>
 */
@Command(name = "consent", mixinStandardHelpOptions = true, description = "Grant, revoke and list consents (patients, proxies).",
        subcommands = {ConsentCommand.Grant.class, ConsentCommand.Revoke.class, ConsentCommand.ListConsents.class})
public final class ConsentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: grant, revoke or list");
    }

    static String line(final ConsentRecord r) {
        return r.consent().consentId() + "  " + r.status() + "  " + r.consent().scope().kind() + " "
                + (r.consent().scope().datasetIds().isEmpty() ? r.consent().scope().institution().orElse("") : String.join(",", r.consent().scope().datasetIds()))
                + "  purposes " + r.consent().purposes().stream().map(DuoTerm::display).toList()
                + "  to " + r.consent().grantees() + "  from " + r.consent().validFrom() + r.consent().validUntil().map(u -> " until " + u).orElse("");
    }

    /** {@code custodia consent grant}. */
    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant consent for DUO purposes to institutions.")
    public static final class Grant implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        /** Datasets or a whole institution. */
        static final class Scope {
            @Option(names = "--dataset", required = true, paramLabel = "ID", description = "Dataset covered (repeatable).")
            List<String> datasets;

            @Option(names = "--institution", required = true, paramLabel = "MSP", description = "Every dataset of this institution.")
            String institution;
        }

        @Option(names = "--purpose", required = true, paramLabel = "DUO", description = "GRU, HMB, POA or DS:<disease> (repeatable).")
        List<String> purposes = new ArrayList<>();

        @Option(names = "--grantee", required = true, paramLabel = "MSP", description = "Institution allowed (repeatable).")
        List<String> grantees = new ArrayList<>();

        @Option(names = "--valid-from", paramLabel = "INSTANT", description = "Default: now.")
        String validFrom;

        @Option(names = "--valid-until", paramLabel = "INSTANT")
        String validUntil;

        @Option(names = "--document", paramLabel = "FILE", description = "Signed consent document (stored off-chain, hash on-chain).")
        Path document;

        @Option(names = "--document-hash", paramLabel = "HEX", description = "SHA-256 of a consent document kept elsewhere (instead of --document).")
        String documentHash;

        @Option(names = "--delegation", paramLabel = "ID", description = "Proxies: the delegation acted under.")
        String delegationId;

        @Option(names = "--consent-id", paramLabel = "ID")
        String consentId;

        @Option(names = "--idempotency-key", paramLabel = "KEY")
        String idempotencyKey;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Grant(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final Optional<String> doc;
            try {
                doc = document == null ? Optional.empty() : Optional.of(Base64.getEncoder().encodeToString(Files.readAllBytes(document)));
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read consent document " + document + ": " + e.getMessage(), e);
            }
            final ConsentRequest request = new ConsentRequest(Optional.ofNullable(consentId),
                    scope.institution != null ? ConsentScope.institution(scope.institution) : ConsentScope.datasets(scope.datasets),
                    purposes.stream().map(AccessCommand::duo).toList(), grantees,
                    validFrom == null ? Instant.now() : instant("--valid-from", validFrom),
                    Optional.ofNullable(validUntil).map(u -> instant("--valid-until", u)), doc, Optional.ofNullable(documentHash),
                    Optional.ofNullable(delegationId));
            final IdempotencyKey key = idempotencyKey == null ? IdempotencyKey.random() : IdempotencyKey.of(idempotencyKey);
            final ConsentRecord record = gateway.client(ctx).consents().grant(request, key);
            if (gateway.json) {
                ctx.printJson(record);
            } else {
                ctx.println("granted " + line(record));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code custodia consent revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a consent; erases your off-chain data when it was your last active consent.")
    public static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "CONSENT_ID")
        String consentId;

        @Option(names = "--delegation", paramLabel = "ID", description = "Proxies: the delegation acted under.")
        String delegationId;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public Revoke(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final ConsentRevocation revocation = gateway.client(ctx).consents().revoke(consentId, Optional.ofNullable(delegationId));
            if (gateway.json) {
                ctx.printJson(revocation);
            } else {
                ctx.println("revoked " + line(revocation.consent()));
                revocation.erasure().ifPresent(e -> ctx.println("erased off-chain data; receipt " + e.receiptId()
                        + ", destroyed pointer set " + e.destroyedPointerSetHash()));
                revocation.erasureSkipped().ifPresent(s -> ctx.println("nothing erased: " + s.reason() + " ("
                        + s.activeConsents() + " consents still cover you)"));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code custodia consent list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your consents (all pages).")
    public static final class ListConsents implements Callable<Integer> {
        @Option(names = "--delegation", paramLabel = "ID", description = "Proxies: the delegation acted under (required for proxies).")
        String delegationId;

        @Mixin
        GatewayOptions gateway;

        private final CliContext ctx;

        public ListConsents(final CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws CustodiaException {
            final CustodiaClient client = gateway.client(ctx);
            final List<ConsentRecord> all = new ArrayList<>();
            PageRequest request = PageRequest.first(1000);
            Page<ConsentRecord> page;
            do {
                page = client.consents().mine(Optional.ofNullable(delegationId), request);
                all.addAll(page.items());
                request = request.after(page);
            } while (page.hasMore());
            if (gateway.json) {
                ctx.printJson(all);
            } else {
                all.forEach(r -> ctx.println(line(r)));
                ctx.note(all.size() + " consents");
            }
            return ExitCodes.OK;
        }
    }

    static Instant instant(final String option, final String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, option + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z", e);
        }
    }
}
