package io.custodia.gateway.config;

import io.custodia.gateway.federation.FederationConfig;
import io.custodia.gateway.ledger.fabric.FabricDeadlines;
import java.time.Duration;
import java.util.List;

/**
 * Every {@code CUSTODIA_*} setting the gateway reads, with its default and meaning: the one table
 * that {@code --help} prints and the README's settings table is generated from (a test keeps the
 * README, and the names {@link GatewayConfig} reads, equal to it).
 *
 * <pre>{@code
 * System.out.print(GatewaySettings.helpText());
 * }</pre>
 */
public final class GatewaySettings {
    /** One setting: the environment variable, its default (as text) and what it does. */
    public record Setting(String name, String defaultValue, String meaning) {}

    public static final List<Setting> ALL = List.of(
            new Setting("CUSTODIA_DATA_DIR", "./data", "ledger blocks and state, identities, the SQLite store and keys; created at start"),
            new Setting("CUSTODIA_HOST", "127.0.0.1", "address the API listens on"),
            new Setting("CUSTODIA_PORT", "8080", "port the API listens on (0: any free port)"),
            new Setting("CUSTODIA_LEDGER", GatewayConfig.EMBEDDED, "ledger backend: embedded (in-process, development tokens) or fabric"),
            new Setting("CUSTODIA_FABRIC_CONNECTION", "none (required for fabric)", "the institution's Fabric connection file (docs/fabric.md §5)"),
            new Setting("CUSTODIA_FABRIC_DEADLINE_EVALUATE", text(FabricDeadlines.DEFAULT.evaluate()), "deadline of a fabric query (500ms, 5s)"),
            new Setting("CUSTODIA_FABRIC_DEADLINE_ENDORSE", text(FabricDeadlines.DEFAULT.endorse()), "deadline of a fabric endorsement"),
            new Setting("CUSTODIA_FABRIC_DEADLINE_SUBMIT", text(FabricDeadlines.DEFAULT.submit()), "deadline of a fabric submission to the orderer"),
            new Setting("CUSTODIA_FABRIC_DEADLINE_COMMIT_STATUS", text(FabricDeadlines.DEFAULT.commitStatus()), "deadline of waiting for a fabric commit"),
            new Setting("CUSTODIA_STORE_URL", "SQLite in the data directory", "off-chain store JDBC URL, jdbc:postgresql://... in production"),
            new Setting("CUSTODIA_JWKS_URL", "none", "the identity provider's JWKS (https; http only on loopback): production token keys, and no development tokens"),
            new Setting("CUSTODIA_JWT_ISSUER", "custodia-dev", "expected token iss (required with CUSTODIA_JWKS_URL)"),
            new Setting("CUSTODIA_JWT_AUDIENCE", "custodia-api", "expected token aud (required with CUSTODIA_JWKS_URL)"),
            new Setting("CUSTODIA_JWKS_CACHE_SECONDS", Long.toString(GatewayConfig.DEFAULT_JWKS_CACHE_TTL.toSeconds()),
                    "how long fetched keys, and a verified token, are trusted before being checked again"),
            new Setting("CUSTODIA_RATE_LIMIT", Long.toString(GatewayConfig.DEFAULT_RATE_LIMIT), "requests per second per caller (bursts to twice that) before 429"),
            new Setting("CUSTODIA_RATE_LIMIT_ANONYMOUS", Long.toString(GatewayConfig.DEFAULT_ANONYMOUS_RATE_LIMIT),
                    "requests per second per source address without a valid token, and to /dev/tokens (bursts to twice that) before 429"),
            new Setting("CUSTODIA_HTTP_IDLE_TIMEOUT", text(GatewayConfig.DEFAULT_HTTP_IDLE_TIMEOUT),
                    "how long a connection may send nothing while a request is read (a short body gets 400 after it)"),
            new Setting("CUSTODIA_PEER_GATEWAYS", "none",
                    "other institutions' gateways by MSP ID (Org1MSP=https://...,Org2MSP=...): where a PERMIT's pointers are fetched from (docs/federation.md)"),
            new Setting("CUSTODIA_FEDERATION_TRUST", "none",
                    "fabric mode: each institution's CA certificates (PEM bundle) by MSP ID (Org1MSP=/path/ca.pem,...): whose release requests and answers are trusted"),
            new Setting("CUSTODIA_FEDERATION_RELEASE_WINDOW", text(FederationConfig.DEFAULT_RELEASE_WINDOW),
                    "how long after the decision a PERMIT's pointers are released"),
            new Setting("CUSTODIA_FEDERATION_CLOCK_SKEW", text(FederationConfig.DEFAULT_CLOCK_SKEW),
                    "how far a release request's issuedAt may be from the owner's clock"),
            new Setting("CUSTODIA_ACCEPT_STORE_LOSS", "false",
                    "start although the start-up reconciliation found off-chain data the ledger needs but the store lost (gateway-api/docs/off-chain-store.md)"),
            new Setting("CUSTODIA_POINTER_CACHE_MB", Long.toString(GatewayConfig.DEFAULT_POINTER_CACHE_MB),
                    "memory for decrypted item pointers of recently released subjects (never served after an erasure); 0 keeps none"));

    private GatewaySettings() {}

    /** {@code java -jar custodia-gateway.jar --help}. */
    public static String helpText() {
        final int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        final StringBuilder out = new StringBuilder()
                .append("Usage: java -jar custodia-gateway.jar [--help]\n\n")
                .append("Starts the Custodia gateway. It is configured by environment variables (a system property\n")
                .append("of the same name in lower case with dots, -Dcustodia.port=8081, overrides each):\n\n");
        for (final Setting s : ALL) {
            out.append("  ").append(s.name()).append(" ".repeat(width - s.name().length() + 2))
                    .append(s.meaning()).append("\n  ").append(" ".repeat(width + 2)).append("default: ").append(s.defaultValue()).append('\n');
        }
        return out.append("\nExit codes: 0 stopped normally, 2 a setting or the environment is wrong (the message says\n")
                .append("what to change), 1 any other start-up failure.\n").toString();
    }

    /** The README's settings table (Markdown). */
    public static String markdownTable() {
        final StringBuilder out = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        for (final Setting s : ALL) {
            out.append("| `").append(s.name()).append("` | ").append(s.defaultValue()).append(" | ").append(s.meaning()).append(" |\n");
        }
        return out.toString();
    }

    private static String text(final Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
