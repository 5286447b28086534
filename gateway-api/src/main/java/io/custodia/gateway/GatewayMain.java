package io.custodia.gateway;

import io.custodia.gateway.config.GatewayConfig;
import io.custodia.gateway.config.GatewaySettings;
import io.custodia.gateway.system.BannerTokens;
import io.custodia.ledger.PrivateFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar custodia-gateway.jar}: starts the gateway (embedded ledger and store by default)
 * and prints where it listens, where the API docs are and ready-made development tokens.
 * {@code --help} lists every setting ({@link GatewaySettings}). Start-up failures end in one line
 * naming the setting to change (exit 2) or the cause (exit 1), and leave no data directory behind
 * that this start created.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    /** Exit code: a setting or the environment is wrong; the message says what to change. */
    static final int CONFIGURATION = 2;
    /** Exit code: any other start-up failure. */
    static final int FAILED = 1;

    private GatewayMain() {}

    public static void main(final String[] args) throws InterruptedException {
        final Launch launch = launch(args, System.getenv(), System.out, System.err);
        if (launch.gateway().isEmpty()) {
            System.exit(launch.exitCode());
            return;
        }
        final Gateway gateway = launch.gateway().get();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "custodia-shutdown"));
        LOG.info("Custodia gateway listening on {} (ledger: {}, data: {})", gateway.baseUrl(), gateway.config().ledger(),
                gateway.config().dataDir());
        System.out.println(banner(gateway));
        stopped.await();
    }

    /** A started gateway, or the exit code to end with (0 after {@code --help}). */
    record Launch(Optional<Gateway> gateway, int exitCode) {}

    /** Parses the arguments, checks the environment, starts the gateway; messages go to {@code out}/{@code err}. */
    static Launch launch(final String[] args, final Map<String, String> env, final PrintStream out, final PrintStream err) {
        for (final String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(GatewaySettings.helpText());
                return new Launch(Optional.empty(), 0);
            }
            err.println("custodia-gateway: unknown argument " + arg + "; the gateway is configured by CUSTODIA_* environment"
                    + " variables (--help lists them)");
            return new Launch(Optional.empty(), CONFIGURATION);
        }
        final GatewayConfig config;
        try {
            config = GatewayConfig.load(env);
        } catch (IllegalArgumentException e) {
            err.println("custodia-gateway: " + e.getMessage());
            return new Launch(Optional.empty(), CONFIGURATION);
        }
        final Optional<String> problem = StartupChecks.problem(config);
        if (problem.isPresent()) {
            err.println("custodia-gateway: " + problem.get());
            return new Launch(Optional.empty(), CONFIGURATION);
        }
        if (config.ledger().equals(GatewayConfig.EMBEDDED) && env.get("CORE_CHAINCODE_LOGGING_LEVEL") == null) {
            quietChaincodeShim();
        }
        final boolean createdDataDir = !Files.exists(config.dataDir());
        try {
            return new Launch(Optional.of(Gateway.start(config)), 0);
        } catch (PrivateFiles.InsecureFileException e) {
            // Names the file and the chmod to run. Nothing is deleted: the directory holds the key.
            err.println("custodia-gateway: " + e.getMessage());
            return new Launch(Optional.empty(), CONFIGURATION);
        } catch (RuntimeException e) {
            if (createdDataDir) {
                deleteQuietly(config.dataDir());
            }
            err.println("custodia-gateway: cannot start: " + causes(e));
            return new Launch(Optional.empty(), FAILED);
        }
    }

    /**
     * The embedded ledger runs the Fabric chaincode shim in-process; it logs its environment and
     * every contract it scans (some 55 INFO lines) through java.util.logging, and resets the loggers'
     * levels from CORE_CHAINCODE_LOGGING_LEVEL each time it starts. A filter on the console handler
     * survives that and keeps the shim's warnings and errors. Set CORE_CHAINCODE_LOGGING_LEVEL to see
     * everything again.
     */
    private static void quietChaincodeShim() {
        for (final Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setFilter(log -> log.getLevel().intValue() >= Level.WARNING.intValue()
                    || !(fromShim(log.getLoggerName()) || fromShim(log.getSourceClassName())));
        }
    }

    private static boolean fromShim(final String name) {
        return name != null && name.startsWith("org.hyperledger.");
    }

    private static String causes(final Throwable e) {
        final StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            final String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static void deleteQuietly(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the data directory {} this failed start created", dir);
        }
    }

    private static String banner(final Gateway gateway) {
        final StringBuilder out = new StringBuilder();
        final String url = gateway.baseUrl();
        out.append("\nCustodia is running on the ").append(gateway.config().ledger()).append(" ledger.\n")
                .append("  API:        ").append(url).append("/api/v1\n")
                .append("  API docs:   ").append(url).append("/openapi  (UI: ").append(url).append("/swagger)\n")
                .append("  Health:     ").append(url).append("/health   Metrics: ").append(url).append("/metrics\n")
                .append("  Data:       ").append(gateway.config().dataDir()).append('\n');
        gateway.transparency().ifPresent(log -> out
                .append("  Log key:    ").append(log.verifierKey()).append("  (checkpoints: ").append(url).append("/api/v1/log/checkpoint)\n"));
        gateway.devTokens().ifPresent(issuer -> {
            final String institution = gateway.servedInstitution().orElse("Org1MSP");
            out.append("\nDevelopment tokens (valid 12 h; more with: curl -X POST ").append(url)
                    .append("/dev/tokens -H 'Content-Type: application/json' -d '{\"role\":\"patient\",\"institution\":\"").append(institution)
                    .append("\",\"subject\":\"MRN-0002\"}'):\n");
            gateway.servedInstitution().ifPresent(msp -> out.append("  (fabric mode: this gateway serves ").append(msp)
                    .append(" only, so only its own institution, auditors and patients get tokens here)\n")
                    .append("  export ").append(BannerTokens.prefix(msp)).append("_API=").append(url).append("/api/v1\n"));
            final Duration ttl = Duration.ofHours(12);
            BannerTokens.of(gateway.servedInstitution()).forEach(token -> out.append("  export ").append(token.variable())
                    .append('=').append(issuer.issue(token.principal(), ttl)).append('\n'));
        });
        gateway.config().jwksUrl().ifPresent(jwks -> out
                .append("\nTokens come from the configured identity provider (no development tokens):\n")
                .append("  issuer:     ").append(gateway.config().jwtIssuer()).append('\n')
                .append("  audience:   ").append(gateway.config().jwtAudience()).append('\n')
                .append("  keys:       ").append(jwks).append('\n'));
        return out.toString();
    }
}
