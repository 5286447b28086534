package io.custodia.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.custodia.canonical.StrictJson;
import io.custodia.gateway.access.AccessRoutes;
import io.custodia.gateway.audit.AuditRoutes;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.auth.TokenVerifier;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.custody.CustodyRoutes;
import io.custodia.gateway.datasets.DatasetRoutes;
import io.custodia.gateway.consent.ConsentRoutes;
import io.custodia.gateway.delegations.DelegationRoutes;
import io.custodia.gateway.federation.Federation;
import io.custodia.gateway.federation.FederationRoutes;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.subjects.SubjectResolver;
import io.custodia.gateway.system.SystemRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

/**
 * Builds the gateway's Javalin app from its dependencies, so tests start it on a random port with
 * whatever ledger and store they choose. {@link #areas} is the list of API areas; each area's class
 * holds its own route table.
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
            PrometheusMeterRegistry metrics,
            OutboxRunner outbox,
            RequestLimits limits,
            Duration idleTimeout,
            Federation federation) {
        public Dependencies {
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(devTokens, "devTokens");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(federation, "federation");
        }
    }

    /**
     * The JSON mapper of API bodies (not of ledger state, which is canonical JSON from the chaincode).
     * Reading is strict by the same rules as canonical JSON ({@link StrictJson}: no duplicate or
     * unknown members, no trailing data, no coercion between scalar types); {@link Bodies} adds what
     * is about HTTP.
     */
    public static ObjectMapper jsonMapper() {
        return StrictJson.apply(JsonMapper.builder())
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    public static Javalin create(final Dependencies deps) {
        final ObjectMapper json = jsonMapper();
        final AuthRules auth = new AuthRules(deps.tokens());
        final GatewayContext context = new GatewayContext(deps.ledger(), deps.store(), deps.secrets(), auth,
                new Idempotency(deps.store().idempotency(), json, Clock.systemUTC()),
                new SubjectResolver(deps.store().subjects(), deps.secrets()),
                new Pages(deps.secrets().bookmarkKey()));

        final Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            // A known path with a method it does not serve (or a method nobody serves) is 405, not 404.
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ErrorMapper.JettyErrors()));
            config.jetty.modifyServletContextHandler(servlets -> {
                servlets.setErrorHandler(new ErrorMapper.JettyErrors());
                HttpHardening.install(servlets);
            });
            config.jsonMapper(new JavalinJackson(json, false));
            config.registerPlugin(new OpenApiPlugin(openapi -> openapi
                    .withDocumentationPath("/openapi")
                    .withDefinitionConfiguration((version, definition) -> definition
                            .withInfo(info -> info
                                    .title("Custodia API")
                                    .version("1")
                                    .description("Audit and consent ledger for sharing de-identified biomedical data. "
                                            + "Errors are RFC 9457 problem details; writes answer 201 only after the ledger committed."))
                            .withSecurity(security -> security.withBearerAuth("BearerAuth", bearer -> { }))
                            .withDefinitionProcessor(new CommonResponses()))));
            config.registerPlugin(new SwaggerPlugin(swagger -> {
                swagger.setUiPath("/swagger");
                swagger.setDocumentationPath("/openapi");
            }));
        });
        // Jetty's default of 30 s kept a request whose body stopped short of its Content-Length waiting
        // that long before a bare 500; a client that sends nothing for this long has gone or is stalling.
        app.events(events -> events.serverStarted(() -> {
            for (final Connector connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof AbstractConnector jetty) {
                    jetty.setIdleTimeout(deps.idleTimeout().toMillis());
                }
            }
        }));
        ErrorMapper.install(app);
        RequestMetrics.install(app, deps.metrics());
        deps.limits().install(app, auth);
        app.before(Bodies::requireJson);
        for (final ApiRoutes area : areas(deps, context)) {
            area.register(app);
        }
        return app;
    }

    private static List<ApiRoutes> areas(final Dependencies deps, final GatewayContext context) {
        return List.of(
                new SystemRoutes(deps.ledger(), deps.metrics(), context.auth(), deps.devTokens()),
                new DatasetRoutes(context, deps.outbox()),
                new CustodyRoutes(context),
                new ConsentRoutes(context, deps.outbox()),
                new DelegationRoutes(context),
                new AccessRoutes(context, deps.federation().client()),
                new FederationRoutes(deps.federation().authority()),
                new AuditRoutes(context));
    }
}
