package io.custodia.gateway.config;

import io.custodia.gateway.federation.FederationConfig;
import io.custodia.gateway.ledger.fabric.FabricDeadlines;
import io.custodia.gateway.store.StoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
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
 * <p>The settings, their defaults and meanings: {@link GatewaySettings} (also printed by {@code --help}).
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
        long anonymousRateLimitPerSecond,
        Duration httpIdleTimeout,
        long pointerCacheBytes,
        Optional<Path> fabricConnection,
        FabricDeadlines fabricDeadlines,
        FederationConfig federation,
        boolean acceptStoreLoss) {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)");

    /**
     * Requests per second per authenticated caller before 429 (bursts to twice that). A 2-core gateway
     * does about 2,000 PERMITs or 3,600 DENYs a second at most (docs/benchmarks.md): one caller gets a
     * fraction of that, so no single token can take the whole machine, while batch jobs still fit.
     */
    public static final long DEFAULT_RATE_LIMIT = 300;

    /**
     * Requests per second per source address without a valid token (and to /dev/tokens) before 429.
     * Each costs a signature check or a signing; honest clients send a few, when a token expired.
     */
    public static final long DEFAULT_ANONYMOUS_RATE_LIMIT = 20;

    /** Idle time while a request is read, or on a keep-alive connection, before Jetty gives up on it. */
    public static final Duration DEFAULT_HTTP_IDLE_TIMEOUT = Duration.ofSeconds(5);

    /** Decrypted item pointers kept in memory by default, in MiB (the store's default). */
    public static final long DEFAULT_POINTER_CACHE_MB = StoreConfig.DEFAULT_POINTER_CACHE_BYTES >> 20;

    /** How long fetched JWKS keys are used before they are fetched again (nimbus's default as well). */
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);

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
        final Optional<URI> jwks = jwksUrl(env, problems);
        if (jwks.isPresent()) {
            // The development defaults name no real issuer or API; trusting them against a production
            // key set would accept any token the identity provider issues for any other application.
            final List<String> missing = new ArrayList<>();
            for (final String name : List.of("CUSTODIA_JWT_ISSUER", "CUSTODIA_JWT_AUDIENCE")) {
                if (get(env, name).isEmpty()) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("CUSTODIA_JWKS_URL needs the expected token issuer and audience; set " + String.join(" and ", missing));
            }
        }
        Duration jwksCacheTtl = DEFAULT_JWKS_CACHE_TTL;
        try {
            final Optional<String> seconds = get(env, "CUSTODIA_JWKS_CACHE_SECONDS");
            if (seconds.isPresent()) {
                final long value = Long.parseLong(seconds.get());
                if (value < 1 || value > 86_400) {
                    problems.add("CUSTODIA_JWKS_CACHE_SECONDS must be between 1 and 86400");
                } else {
                    jwksCacheTtl = Duration.ofSeconds(value);
                }
            }
        } catch (NumberFormatException e) {
            problems.add("CUSTODIA_JWKS_CACHE_SECONDS must be a number");
        }
        final long rateLimit = rate(env, "CUSTODIA_RATE_LIMIT", DEFAULT_RATE_LIMIT, problems);
        final long anonymousRateLimit = rate(env, "CUSTODIA_RATE_LIMIT_ANONYMOUS", DEFAULT_ANONYMOUS_RATE_LIMIT, problems);
        final Duration idleTimeout = duration(env, "CUSTODIA_HTTP_IDLE_TIMEOUT", DEFAULT_HTTP_IDLE_TIMEOUT, problems);
        long pointerCacheMb = DEFAULT_POINTER_CACHE_MB;
        try {
            pointerCacheMb = Long.parseLong(get(env, "CUSTODIA_POINTER_CACHE_MB").orElse(Long.toString(DEFAULT_POINTER_CACHE_MB)));
            if (pointerCacheMb < 0 || pointerCacheMb > 1 << 20) {
                problems.add("CUSTODIA_POINTER_CACHE_MB must be between 0 and 1048576");
            }
        } catch (NumberFormatException e) {
            problems.add("CUSTODIA_POINTER_CACHE_MB must be a number");
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
        final FederationConfig federation = FederationConfig.read(name -> get(env, name),
                (name, fallback) -> duration(env, name, fallback, problems), problems);
        final String acceptLoss = get(env, "CUSTODIA_ACCEPT_STORE_LOSS").orElse("false").toLowerCase(Locale.ROOT);
        if (!acceptLoss.equals("true") && !acceptLoss.equals("false")) {
            problems.add("CUSTODIA_ACCEPT_STORE_LOSS must be true or false");
        }
        final boolean acceptStoreLoss = acceptLoss.equals("true");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
        return new GatewayConfig(dataDir, host, port, ledger, get(env, "CUSTODIA_STORE_URL"),
                get(env, "CUSTODIA_JWT_ISSUER").orElse("custodia-dev"),
                get(env, "CUSTODIA_JWT_AUDIENCE").orElse("custodia-api"),
                jwks,
                jwksCacheTtl,
                rateLimit,
                anonymousRateLimit,
                idleTimeout,
                pointerCacheMb << 20,
                fabricConnection,
                deadlines,
                federation,
                acceptStoreLoss);
    }

    private static Optional<URI> jwksUrl(final Map<String, String> env, final List<String> problems) {
        final Optional<String> value = get(env, "CUSTODIA_JWKS_URL");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        final URI url;
        try {
            url = new URI(value.get());
        } catch (URISyntaxException e) {
            problems.add("CUSTODIA_JWKS_URL is not a URL");
            return Optional.empty();
        }
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add("CUSTODIA_JWKS_URL must be an https URL with a host");
            return Optional.empty();
        }
        // Whoever can change the key set in transit can mint any token, so keys travel over TLS.
        // Plain http is allowed only to this machine (tests, an identity provider on localhost or a
        // sidecar), where there is no network to tamper with.
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            problems.add("CUSTODIA_JWKS_URL must use https (http is accepted only for localhost / 127.0.0.1 / [::1])");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private static boolean isLoopback(final String host) {
        // By name, never by DNS lookup: a name that merely resolves to 127.0.0.1 today proves nothing.
        final String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static long rate(final Map<String, String> env, final String name, final long fallback, final List<String> problems) {
        try {
            final long value = Long.parseLong(get(env, name).orElse(Long.toString(fallback)));
            if (value < 1 || value > 1_000_000_000) {
                problems.add(name + " must be between 1 and 1000000000");
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number");
            return fallback;
        }
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
