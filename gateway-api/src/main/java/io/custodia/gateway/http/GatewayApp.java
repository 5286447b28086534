package io.custodia.gateway.http;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.auth.TokenVerifier;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.system.LedgerHandlers;
import io.custodia.gateway.system.SystemHandlers;
import io.custodia.gateway.system.TokenHandlers;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the gateway's Javalin app from its dependencies, so tests start it on a random port with
 * whatever ledger and store they choose. The route table below is the whole API surface.
 */
public final class GatewayApp {
    /** Bodies above this are refused with 413 before any handler runs. */
    public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    private GatewayApp() {}

    /** Everything the app needs; {@code devTokens} is present only in embedded development mode. */
    public record Dependencies(
            LedgerClient ledger,
            OffChainStore store,
            GatewaySecrets secrets,
            TokenVerifier tokens,
            Optional<DevTokenIssuer> devTokens,
            PrometheusMeterRegistry metrics) {
        public Dependencies {
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(devTokens, "devTokens");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    public static Javalin create(final Dependencies deps) {
        final SystemHandlers system = new SystemHandlers(deps.ledger(), deps.metrics());
        final LedgerHandlers ledger = new LedgerHandlers(deps.ledger());
        final AuthRules auth = new AuthRules(deps.tokens());

        final Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jsonMapper(new JavalinJackson().updateMapper(mapper -> mapper.findAndRegisterModules()));
        });
        ErrorMapper.install(app);
        RequestMetrics.install(app, deps.metrics());
        app.before("/api/v1/*", auth::authenticate);

        // --- everyone ---
        app.get("/health", system::health);
        app.get("/ready", system::ready);
        app.get("/metrics", system::metrics);

        // --- development tokens (embedded mode only) ---
        deps.devTokens().ifPresent(issuer -> app.post("/dev/tokens", new TokenHandlers(issuer)::issue));

        // --- auditors (and institutions for ledger status) ---
        app.get("/api/v1/ledger", ctx -> {
            auth.requireAuditorOrInstitution(ctx);
            ledger.status(ctx);
        });
        app.post("/api/v1/ledger/verify", ctx -> {
            auth.requireAuditor(ctx);
            ledger.verify(ctx);
        });
        return app;
    }
}
