package io.custodia.gateway.system;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.http.ApiRoutes;
import io.custodia.gateway.ledger.LedgerClient;
import io.javalin.Javalin;
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
        // everyone, unauthenticated
        app.get("/health", system::health);
        app.get("/ready", system::ready);
        app.get("/metrics", system::metrics);
        // embedded development mode only
        devTokens.ifPresent(issuer -> app.post("/dev/tokens", new TokenHandlers(issuer)::issue));
        // institutions and auditors: ledger status; auditors: whole-ledger verification
        app.get("/api/v1/ledger", ctx -> {
            auth.requireAuditorOrInstitution(ctx);
            ledger.status(ctx);
        });
        app.post("/api/v1/ledger/verify", ctx -> {
            auth.requireAuditor(ctx);
            ledger.verify(ctx);
        });
    }
}
