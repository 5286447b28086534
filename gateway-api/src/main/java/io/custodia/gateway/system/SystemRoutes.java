package io.custodia.gateway.system;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.http.ProblemDocument;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/** Health, readiness, metrics, ledger status and verification, development tokens. */
public final class SystemRoutes implements ApiRoutes {
    private final SystemHandlers system;
    private final LedgerHandlers ledger;
    private final AuthRules auth;
    private final Optional<DevTokenIssuer> devTokens;

    public SystemRoutes(final LedgerClient ledger, final PrometheusMeterRegistry metrics, final AuthRules auth,
            final Optional<DevTokenIssuer> devTokens) {
        this.system = new SystemHandlers(ledger, metrics);
        this.ledger = new LedgerHandlers(ledger);
        this.auth = auth;
        this.devTokens = devTokens;
    }

    @Override
    public void register(final Javalin app) {
        app.get("/health", this::health);
        app.get("/ready", this::ready);
        app.get("/metrics", system::metrics);
        devTokens.ifPresent(issuer -> app.post("/dev/tokens", new TokenHandlers(issuer)::issue));
        app.get("/api/v1/ledger", this::ledgerStatus);
        app.post("/api/v1/ledger/verify", this::verifyLedger);
        app.get("/api/v1/transactions/{txId}", this::transaction);
    }

    @OpenApi(path = "/health", methods = HttpMethod.GET, summary = "Liveness", tags = "System",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")))
    private void health(final Context ctx) {
        system.health(ctx);
    }

    @OpenApi(path = "/ready", methods = HttpMethod.GET, summary = "Readiness: the ledger takes transactions", tags = "System",
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(type = "application/json")),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(type = "application/json"))})
    private void ready(final Context ctx) {
        system.ready(ctx);
    }

    @OpenApi(path = "/api/v1/ledger", methods = HttpMethod.GET, summary = "Ledger height, head hash and transaction count",
            tags = "Ledger", security = @OpenApiSecurity(name = "BearerAuth"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = LedgerClient.LedgerStatus.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void ledgerStatus(final Context ctx) throws LedgerException {
        auth.requireAuditorOrInstitution(ctx);
        ledger.status(ctx);
    }

    @OpenApi(path = "/api/v1/transactions/{txId}", methods = HttpMethod.GET, summary = "A transaction's final status, block and position",
            description = "VALID or INVALID with the ledger's validation code, the block that holds it and its index in that block: "
                    + "block order, not timestamps, is the order in which the ledger committed transactions.",
            tags = "Ledger", security = @OpenApiSecurity(name = "BearerAuth"),
            pathParams = @OpenApiParam(name = LedgerHandlers.TX_ID, required = true, description = "64 lower-case hex digits"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = LedgerClient.TransactionStatus.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void transaction(final Context ctx) throws LedgerException {
        auth.requireAuditorOrInstitution(ctx);
        ledger.transaction(ctx);
    }

    @OpenApi(path = "/api/v1/ledger/verify", methods = HttpMethod.POST, summary = "Verify the whole ledger (hash chain, data hashes, signatures)",
            description = "Every block is read and re-hashed. With anchor=<block>:<headerHash>, the head of an earlier valid report "
                    + "kept by the auditor, the anchor block must still have that hash and signatures are checked only after it.",
            tags = "Ledger", security = @OpenApiSecurity(name = "BearerAuth"),
            queryParams = @OpenApiParam(name = LedgerHandlers.ANCHOR, description = "<block>:<64 hex header hash> from an earlier report's head"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = LedgerClient.LedgerVerification.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json")),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    private void verifyLedger(final Context ctx) throws LedgerException {
        auth.requireAuditor(ctx);
        ledger.verify(ctx);
    }
}
