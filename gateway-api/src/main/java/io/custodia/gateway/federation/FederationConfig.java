package io.custodia.gateway.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of pointer release between institutions (docs/federation.md).
 *
 * @param peerGateways {@code CUSTODIA_PEER_GATEWAYS}: base URL of each other institution's gateway by MSP ID
 * @param trustBundles {@code CUSTODIA_FEDERATION_TRUST}: PEM bundle of each institution's CA certificates by MSP ID
 *     (fabric mode; the embedded ledger's CAs are the roots in embedded mode)
 * @param releaseWindow {@code CUSTODIA_FEDERATION_RELEASE_WINDOW} (default 24 h): how long after the decision a PERMIT's pointers are released
 * @param clockSkew {@code CUSTODIA_FEDERATION_CLOCK_SKEW} (default 60 s): how far a request's issuedAt may be from the owner's clock
 */
public record FederationConfig(Map<String, URI> peerGateways, Map<String, Path> trustBundles, Duration releaseWindow,
        Duration clockSkew) {
    public static final Duration DEFAULT_RELEASE_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** How long a requester is told to wait before asking again for a pending delivery. */
    public static final int RETRY_AFTER_SECONDS = 30;
    /** Connect and answer timeout of a release request to another gateway. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public FederationConfig {
        peerGateways = Map.copyOf(peerGateways);
        trustBundles = Map.copyOf(trustBundles);
    }

    public static FederationConfig defaults() {
        return new FederationConfig(Map.of(), Map.of(), DEFAULT_RELEASE_WINDOW, DEFAULT_CLOCK_SKEW);
    }

    /**
     * Reads the settings; problems are added to {@code problems}.
     *
     * @param setting a setting's value by variable name
     * @param duration parses a duration setting with a fallback, adding its problem
     */
    public static FederationConfig read(final Function<String, Optional<String>> setting,
            final java.util.function.BiFunction<String, Duration, Duration> duration, final List<String> problems) {
        final Map<String, URI> peers = new LinkedHashMap<>();
        pairs(setting.apply("CUSTODIA_PEER_GATEWAYS"), "CUSTODIA_PEER_GATEWAYS", problems).forEach((msp, value) -> {
            try {
                final URI uri = new URI(value);
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add("CUSTODIA_PEER_GATEWAYS: the gateway of " + msp + " must be an http(s) URL");
                } else {
                    peers.put(msp, uri);
                }
            } catch (URISyntaxException e) {
                problems.add("CUSTODIA_PEER_GATEWAYS: the gateway of " + msp + " is not a URL");
            }
        });
        final Map<String, Path> trust = new LinkedHashMap<>();
        pairs(setting.apply("CUSTODIA_FEDERATION_TRUST"), "CUSTODIA_FEDERATION_TRUST", problems)
                .forEach((msp, value) -> trust.put(msp, Path.of(value).toAbsolutePath().normalize()));
        return new FederationConfig(peers, trust,
                duration.apply("CUSTODIA_FEDERATION_RELEASE_WINDOW", DEFAULT_RELEASE_WINDOW),
                duration.apply("CUSTODIA_FEDERATION_CLOCK_SKEW", DEFAULT_CLOCK_SKEW));
    }

    /** {@code MSP=value,MSP=value}. */
    private static Map<String, String> pairs(final Optional<String> value, final String name, final List<String> problems) {
        final Map<String, String> out = new LinkedHashMap<>();
        if (value.isEmpty() || value.get().isBlank()) {
            return out;
        }
        for (final String pair : value.get().split(",")) {
            final int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                problems.add(name + " must be MSP=value pairs separated by commas");
                continue;
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
