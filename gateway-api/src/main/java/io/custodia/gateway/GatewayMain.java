package io.custodia.gateway;

import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar custodia-gateway.jar}: starts the gateway (embedded ledger and store by default)
 * and prints where it listens, where the API docs are and ready-made development tokens.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(final String[] args) throws InterruptedException {
        final GatewayConfig config;
        try {
            config = GatewayConfig.load(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        final Gateway gateway = Gateway.start(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "custodia-shutdown"));
        LOG.info("Custodia gateway listening on {} (ledger: {}, data: {})", gateway.baseUrl(), config.ledger(), config.dataDir());
        System.out.println(banner(gateway));
        stopped.await();
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
            out.append("\nDevelopment tokens (valid 12 h; more with: curl -X POST ").append(url)
                    .append("/dev/tokens -d '{\"role\":\"patient\",\"institution\":\"Org1MSP\",\"subject\":\"MRN-0001\"}'):\n");
            final Duration ttl = Duration.ofHours(12);
            out.append("  export ORG1_TOKEN=").append(issuer.issue(new Principal(UserRole.INSTITUTION, "Org1MSP", "org1-data-steward"), ttl)).append('\n');
            out.append("  export ORG2_TOKEN=").append(issuer.issue(new Principal(UserRole.INSTITUTION, "Org2MSP", "org2-researcher"), ttl)).append('\n');
            out.append("  export AUDITOR_TOKEN=").append(issuer.issue(new Principal(UserRole.AUDITOR, "AuditorMSP", "dpo"), ttl)).append('\n');
            out.append("  export PATIENT_TOKEN=").append(issuer.issue(new Principal(UserRole.PATIENT, "Org1MSP", "MRN-0001"), ttl)).append('\n');
        });
        gateway.config().jwksUrl().ifPresent(jwks -> out
                .append("\nTokens come from the configured identity provider (no development tokens):\n")
                .append("  issuer:     ").append(gateway.config().jwtIssuer()).append('\n')
                .append("  audience:   ").append(gateway.config().jwtAudience()).append('\n')
                .append("  keys:       ").append(jwks).append('\n'));
        return out.toString();
    }
}
