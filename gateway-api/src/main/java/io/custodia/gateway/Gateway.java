package io.custodia.gateway;

import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.auth.TokenKeys;
import io.custodia.gateway.auth.TokenVerifier;
import io.custodia.gateway.config.GatewayConfig;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.federation.Federation;
import io.custodia.gateway.federation.InstitutionKeys;
import io.custodia.gateway.http.GatewayApp;
import io.custodia.gateway.http.RequestLimits;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.embedded.EmbeddedLedgerClient;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.ledger.fabric.FabricConnection;
import io.custodia.gateway.ledger.fabric.FabricLedgerClient;
import io.custodia.gateway.ledger.fabric.InstitutionGuard;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.recovery.StoreReconciliation;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.StoreConfig;
import io.custodia.gateway.transparency.LogKeys;
import io.custodia.gateway.transparency.TransparencyLog;
import io.custodia.gateway.transparency.TransparencyRoutes;
import io.custodia.gateway.auth.AuthRules;
import io.custodia.ledger.LedgerConfig;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: ledger backend, off-chain store and HTTP server, opened in that order and closed
 * in reverse. {@link GatewayMain} runs one; tests start one on a temporary directory and a random port.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How often the outbox scheduler looks for interrupted or released items. */
    public static final Duration OUTBOX_PERIOD = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final LedgerClient ledger;
    private final OffChainStore store;
    private final Optional<DevTokenIssuer> devTokens;
    private final TokenKeys keys;
    private final Javalin app;
    private final OutboxRunner outbox;
    private final Optional<String> servedInstitution;
    private final Optional<TransparencyLog> transparency;

    private Gateway(final GatewayConfig config, final LedgerClient ledger, final OffChainStore store,
            final Optional<DevTokenIssuer> devTokens, final TokenKeys keys, final Javalin app, final OutboxRunner outbox,
            final Optional<String> servedInstitution, final Optional<TransparencyLog> transparency) {
        this.servedInstitution = servedInstitution;
        this.config = config;
        this.ledger = ledger;
        this.store = store;
        this.devTokens = devTokens;
        this.keys = keys;
        this.app = app;
        this.outbox = outbox;
        this.transparency = transparency;
    }

    public static Gateway start(final GatewayConfig config) {
        final Path data = config.dataDir();
        GatewaySecrets.requireOwnerOnly(data);
        final GatewaySecrets secrets = GatewaySecrets.loadOrCreate(data.resolve("keys/pepper.hex"), data.resolve("keys/store-kek.hex"));
        final Optional<FabricConnection> fabric = config.ledger().equals(GatewayConfig.FABRIC)
                ? Optional.of(FabricConnection.read(config.fabricConnection().orElseThrow()))
                : Optional.empty();
        final LedgerClient ledger = fabric.isPresent()
                ? FabricLedgerClient.connect(fabric.get(), config.fabricDeadlines())
                : EmbeddedLedgerClient.open(LedgerConfig.builder(data.resolve("ledger")).build());
        OffChainStore store = null;
        TokenKeys keys = null;
        TransparencyLog transparency = null;
        try {
            store = OffChainStore.open(config.storeUrl()
                    .map(url -> StoreConfig.postgres(url, secrets.storeKey()))
                    .orElseGet(() -> StoreConfig.sqlite(data.resolve("store"), secrets.storeKey()))
                    .withPointerCacheBytes(config.pointerCacheBytes()));
            // With a JWKS, tokens come from the institution's identity provider and none are issued here.
            final Optional<DevTokenIssuer> devTokens = config.devTokens()
                    ? Optional.of(DevTokenIssuer.loadOrCreate(data.resolve("keys/dev-jwt.json"), config.jwtIssuer(), config.jwtAudience()))
                    : Optional.empty();
            keys = config.jwksUrl()
                    .map(url -> TokenKeys.remote(url, config.jwksCacheTtl()))
                    .orElseGet(() -> TokenKeys.fixed(devTokens.orElseThrow().publicKeys()));
            final TokenVerifier verifier = new TokenVerifier(keys, config.jwtIssuer(), config.jwtAudience());
            final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            final OutboxRunner outbox = new OutboxRunner(store, Clock.systemUTC());
            final InstitutionKeys institutionKeys = fabric.isPresent()
                    ? InstitutionKeys.fabric(fabric.get(), config.federation().trustBundles())
                    : InstitutionKeys.embedded((EmbeddedLedgerClient) ledger);
            final Federation federation = Federation.create(ledger, store, institutionKeys, config.federation(), Clock.systemUTC());
            final Javalin app = GatewayApp.create(new GatewayApp.Dependencies(
                    ledger, store, secrets, verifier, devTokens, metrics, outbox,
                    RequestLimits.of(config.rateLimitPerSecond(), config.anonymousRateLimitPerSecond()),
                    config.httpIdleTimeout(), federation));
            // One gateway per institution in fabric mode: tokens of other institutions get 403.
            fabric.ifPresent(connection -> InstitutionGuard.install(app, connection.mspId()));
            // Every area has registered its outbox operations now. One store per gateway (the
            // default): every lease not held by this process is a dead process's, taken over at once;
            // its items are finished before the store is compared with the ledger and requests come.
            outbox.takeOverLeasesOfPreviousInstances();
            outbox.resumePending();
            reconcile(config, ledger, store, fabric.map(FabricConnection::mspId));
            // The transparency log is built from the embedded ledger's blocks (Fabric: not yet, see docs/transparency.md).
            if (ledger instanceof EmbeddedLedgerClient embedded) {
                transparency = TransparencyLog.openFor(data.resolve("transparency"),
                        LogKeys.loadOrCreate(data.resolve("keys/log-ed25519.key"), LogKeys.DEFAULT_ORIGIN), embedded.ledger().info().height());
                if (transparency.discardedLeaves() > 0) {
                    LOG.warn("the transparency log held {} leaves reaching past the ledger's last block; rebuilt it from the blocks",
                            transparency.discardedLeaves());
                }
                transparency.follow(embedded.ledger(), error -> LOG.error("transparency log stopped following the ledger", error));
                final Path witnesses = data.resolve("transparency/witnesses");
                new TransparencyRoutes(transparency, ledger, new AuthRules(verifier), () -> LogKeys.witnesses(witnesses)).register(app);
            }
            app.start(config.host(), config.port());
            outbox.startResuming(OUTBOX_PERIOD);
            return new Gateway(config, ledger, store, devTokens, keys, app, outbox, fabric.map(FabricConnection::mspId),
                    Optional.ofNullable(transparency));
        } catch (RuntimeException e) {
            if (transparency != null) {
                transparency.close();
            }
            if (keys != null) {
                keys.close();
            }
            if (store != null) {
                store.close();
            }
            ledger.close();
            throw e;
        }
    }

    /**
     * Start-up reconciliation: repairs what a crash left half-done and refuses to start when the store
     * lost data the ledger says exists, unless {@code CUSTODIA_ACCEPT_STORE_LOSS=true} (then it starts,
     * degraded: the affected datasets' pointers cannot be handed out). An unreachable ledger skips it.
     */
    private static void reconcile(final GatewayConfig config, final LedgerClient ledger, final OffChainStore store,
            final Optional<String> institution) {
        final StoreReconciliation.Report report;
        try {
            report = new StoreReconciliation(ledger, store, institution).run();
        } catch (LedgerException e) {
            LOG.warn("store reconciliation skipped: the ledger cannot be read ({})", e.getClass().getSimpleName());
            return;
        }
        StoreReconciliation.log(report);
        if (report.lost().isEmpty()) {
            return;
        }
        final String summary = report.lost().size() + " finding(s); first: " + report.lost().get(0);
        if (!config.acceptStoreLoss()) {
            throw new IllegalStateException("the off-chain store lost data the ledger says exists (" + summary
                    + "). Restore the store from a backup, or set CUSTODIA_ACCEPT_STORE_LOSS=true to start without it"
                    + " (the lost pointers can then never be handed out); see gateway-api/docs/off-chain-store.md");
        }
        LOG.warn("starting although the off-chain store lost data (CUSTODIA_ACCEPT_STORE_LOSS=true): {}", summary);
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + app.port();
    }

    public GatewayConfig config() {
        return config;
    }

    public Optional<DevTokenIssuer> devTokens() {
        return devTokens;
    }

    /** In fabric mode, the one institution (MSP ID) this gateway serves; empty in embedded mode (all of them). */
    public Optional<String> servedInstitution() {
        return servedInstitution;
    }

    public LedgerClient ledger() {
        return ledger;
    }

    public OffChainStore store() {
        return store;
    }

    /** Every HTTP route the app serves, as {@code "METHOD /path"}; the OpenAPI test checks each is documented. */
    public java.util.List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint().getMethod().name() + " " + e.getEndpoint().getPath())
                .toList();
    }

    /** The transparency log (embedded ledger only). */
    public Optional<TransparencyLog> transparency() {
        return transparency;
    }

    /** The outbox runner (its scheduler resumes interrupted multi-step operations). */
    public OutboxRunner outbox() {
        return outbox;
    }

    @Override
    public void close() {
        app.stop();
        keys.close();
        outbox.close();
        transparency.ifPresent(TransparencyLog::close);
        store.close();
        ledger.close();
    }
}
