package io.custodia.gateway.config;

import io.custodia.gateway.ledger.fabric.FabricDeadlines;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the gateway reads at start. Each setting is an environment variable; a system property
 * of the same name in lower case with dots ({@code custodia.port}) overrides it, which is what tests use.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>CUSTODIA_DATA_DIR</td><td>./data</td><td>ledger blocks, state, identities, store, keys</td></tr>
 *   <tr><td>CUSTODIA_HOST / CUSTODIA_PORT</td><td>127.0.0.1 / 8080</td><td>where the API listens</td></tr>
 *   <tr><td>CUSTODIA_LEDGER</td><td>embedded</td><td>ledger backend: embedded or fabric</td></tr>
 *   <tr><td>CUSTODIA_FABRIC_CONNECTION</td><td>none (required for fabric)</td><td>the institution's connection file (docs/fabric.md §5)</td></tr>
 *   <tr><td>CUSTODIA_FABRIC_DEADLINE_EVALUATE / _ENDORSE / _SUBMIT / _COMMIT_STATUS</td><td>5s / 15s / 5s / 30s</td><td>per-call deadlines of the fabric backend ({@code 500ms}, {@code 5s})</td></tr>
 *   <tr><td>CUSTODIA_STORE_URL</td><td>SQLite in the data dir</td><td>off-chain store JDBC URL (PostgreSQL in production)</td></tr>
 *   <tr><td>CUSTODIA_JWT_ISSUER / CUSTODIA_JWT_AUDIENCE</td><td>custodia-dev / custodia-api</td><td>expected token iss and aud</td></tr>
 *   <tr><td>CUSTODIA_RATE_LIMIT</td><td>5000</td><td>requests per second per caller (bursts to twice that) before 429</td></tr>
 *   <tr><td>CUSTODIA_JWKS_URL</td><td>none</td><td>the identity provider's key set (JWKS): tokens are verified against it and no
 *       development tokens are issued; https, or http to a loopback address; requires CUSTODIA_JWT_ISSUER and
 *       CUSTODIA_JWT_AUDIENCE to be set explicitly</td></tr>
 *   <tr><td>CUSTODIA_JWKS_CACHE_SECONDS</td><td>300</td><td>how long fetched keys (and tokens verified with them) are trusted before the key set is fetched again</td></tr>
 * </table>
 */
public record GatewayConfig(
        Path dataDir,
        String host,
        int port,
        String ledger,
        Optional<String> storeUrl,
        String jwtIssuer,
        String jwtAudience,
        Optional<URI> jwksUrl,
        Duration jwksCacheTtl,
        long rateLimitPerSecond,
        Optional<Path> fabricConnection,
        FabricDeadlines fabricDeadlines) {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)");

    /** Requests per second per caller before 429; generous, so that one institution's batch jobs fit. */
    public static final long DEFAULT_RATE_LIMIT = 5_000;

    /** How long fetched identity-provider keys are trusted before the key set is fetched again. */
    public static final Duration DEFAULT_JWKS_CACHE = Duration.ofMinutes(5);

    public static final String EMBEDDED = "embedded";
    public static final String FABRIC = "fabric";

    /** Reads and validates the configuration; every problem is reported at once. */
    public static GatewayConfig load(final Map<String, String> env) {
        final List<String> problems = new ArrayList<>();
        final Path dataDir = Path.of(get(env, "CUSTODIA_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
        final String host = get(env, "CUSTODIA_HOST").orElse("127.0.0.1");
        int port = 8080;
        try {
            port = Integer.parseInt(get(env, "CUSTODIA_PORT").orElse("8080"));
            if (port < 0 || port > 65535) {
                problems.add("CUSTODIA_PORT must be between 0 and 65535");
            }
        } catch (NumberFormatException e) {
            problems.add("CUSTODIA_PORT must be a number");
        }
        final String ledger = get(env, "CUSTODIA_LEDGER").orElse(EMBEDDED).toLowerCase(Locale.ROOT);
        if (!ledger.equals(EMBEDDED) && !ledger.equals(FABRIC)) {
            problems.add("CUSTODIA_LEDGER must be embedded or fabric");
        }
        Optional<URI> jwks = Optional.empty();
        try {
            jwks = get(env, "CUSTODIA_JWKS_URL").map(URI::create);
        } catch (IllegalArgumentException e) {
            problems.add("CUSTODIA_JWKS_URL is not a URL");
        }
        jwks.ifPresent(url -> checkJwks(env, url, problems));
        Duration jwksCacheTtl = DEFAULT_JWKS_CACHE;
        try {
            jwksCacheTtl = Duration.ofSeconds(Long.parseLong(get(env, "CUSTODIA_JWKS_CACHE_SECONDS")
                    .orElse(Long.toString(DEFAULT_JWKS_CACHE.toSeconds()))));
            if (jwksCacheTtl.isNegative() || jwksCacheTtl.isZero()) {
                problems.add("CUSTODIA_JWKS_CACHE_SECONDS must be at least 1");
            }
        } catch (NumberFormatException e) {
            problems.add("CUSTODIA_JWKS_CACHE_SECONDS must be a number");
        }
        long rateLimit = DEFAULT_RATE_LIMIT;
        try {
            rateLimit = Long.parseLong(get(env, "CUSTODIA_RATE_LIMIT").orElse(Long.toString(DEFAULT_RATE_LIMIT)));
            if (rateLimit < 1) {
                problems.add("CUSTODIA_RATE_LIMIT must be at least 1");
            }
        } catch (NumberFormatException e) {
            problems.add("CUSTODIA_RATE_LIMIT must be a number");
        }
        final Optional<Path> fabricConnection = get(env, "CUSTODIA_FABRIC_CONNECTION").map(p -> Path.of(p).toAbsolutePath().normalize());
        if (ledger.equals(FABRIC) && fabricConnection.isEmpty()) {
            problems.add("CUSTODIA_FABRIC_CONNECTION must name the institution's connection file when CUSTODIA_LEDGER=fabric");
        }
        final FabricDeadlines d = FabricDeadlines.DEFAULT;
        final FabricDeadlines deadlines = new FabricDeadlines(
                duration(env, "CUSTODIA_FABRIC_DEADLINE_EVALUATE", d.evaluate(), problems),
                duration(env, "CUSTODIA_FABRIC_DEADLINE_ENDORSE", d.endorse(), problems),
                duration(env, "CUSTODIA_FABRIC_DEADLINE_SUBMIT", d.submit(), problems),
                duration(env, "CUSTODIA_FABRIC_DEADLINE_COMMIT_STATUS", d.commitStatus(), problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
        return new GatewayConfig(dataDir, host, port, ledger, get(env, "CUSTODIA_STORE_URL"),
                get(env, "CUSTODIA_JWT_ISSUER").orElse("custodia-dev"),
                get(env, "CUSTODIA_JWT_AUDIENCE").orElse("custodia-api"),
                jwks,
                jwksCacheTtl,
                rateLimit,
                fabricConnection,
                deadlines);
    }

    private static Duration duration(final Map<String, String> env, final String name, final Duration fallback, final List<String> problems) {
        final Optional<String> value = get(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        final Matcher m = DURATION.matcher(value.get());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add(name + " must be a positive duration such as 500ms or 5s");
            return fallback;
        }
        final long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    /**
     * A production key set: https only, because keys fetched over plain http could be swapped by
     * anyone on the path and every token they sign would be accepted; plain http only to a loopback
     * address (a local identity provider or a test). Issuer and audience must then be set explicitly:
     * the development defaults would accept tokens meant for another service of the same provider.
     */
    private static void checkJwks(final Map<String, String> env, final URI url, final List<String> problems) {
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        final boolean loopback = url.getHost() != null
                && (url.getHost().equals("localhost") || url.getHost().equals("127.0.0.1") || url.getHost().equals("[::1]"));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            problems.add("CUSTODIA_JWKS_URL must be https (plain http only to localhost)");
        }
        if (get(env, "CUSTODIA_JWT_ISSUER").isEmpty()) {
            problems.add("CUSTODIA_JWT_ISSUER must be set when CUSTODIA_JWKS_URL is");
        }
        if (get(env, "CUSTODIA_JWT_AUDIENCE").isEmpty()) {
            problems.add("CUSTODIA_JWT_AUDIENCE must be set when CUSTODIA_JWKS_URL is");
        }
    }

    /** Development tokens are issued only when no production key set is configured. */
    public boolean devTokens() {
        return jwksUrl.isEmpty();
    }

    private static Optional<String> get(final Map<String, String> env, final String name) {
        final String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        final String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
