package io.custodia.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.health.HealthStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where token signing keys come from: the gateway's own development key, or in production the
 * identity provider's JWKS. Fetching, caching, refresh-ahead, rate limiting of re-fetches for unknown
 * key IDs, retrying and outage tolerance are nimbus-jose-jwt's {@link JWKSourceBuilder}; this class
 * only chooses its settings and tells an unreachable identity provider (503) from an unknown key (401).
 *
 * <pre>{@code
 * TokenKeys keys = TokenKeys.remote(URI.create("https://idp.example/jwks.json"), Duration.ofMinutes(5));
 * TokenVerifier verifier = new TokenVerifier(keys, "https://idp.example", "custodia-api");
 * }</pre>
 */
public final class TokenKeys implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenKeys.class);

    /** A connect that takes longer than this means the identity provider is not answering. */
    static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    /** Generous for one small document; every request waiting for a refresh waits at most this long. */
    static final int READ_TIMEOUT_MILLIS = 2_000;
    /**
     * Nimbus's default is 50 KiB; key sets with certificate chains ({@code x5c}) of several rotating
     * keys come close to that, and anything far larger is not a key set.
     */
    static final int SIZE_LIMIT_BYTES = 256 * 1024;
    /** Stale keys serve during an identity-provider outage for this many cache lifetimes (50 min by default). */
    static final int OUTAGE_TOLERANCE_LIFETIMES = 10;

    private final JWKSource<SecurityContext> source;
    private final Set<JWSAlgorithm> algorithms;
    private final Optional<Duration> trustLimit;
    private final Duration retryAfter;
    private final AtomicBoolean lastFetchFailed;

    private TokenKeys(final JWKSource<SecurityContext> source, final Set<JWSAlgorithm> algorithms,
            final Optional<Duration> trustLimit, final Duration retryAfter, final AtomicBoolean lastFetchFailed) {
        this.source = source;
        this.algorithms = algorithms;
        this.trustLimit = trustLimit;
        this.retryAfter = retryAfter;
        this.lastFetchFailed = lastFetchFailed;
    }

    /** Keys held in memory (the development key): ES256 only, never unavailable. */
    public static TokenKeys fixed(final JWKSource<SecurityContext> keys) {
        Objects.requireNonNull(keys, "keys");
        return new TokenKeys(keys, Set.of(JWSAlgorithm.ES256), Optional.empty(), Duration.ZERO, new AtomicBoolean(false));
    }

    /**
     * The identity provider's key set at {@code jwksUrl}, used for {@code cacheTtl} before it is fetched again.
     * Nothing is fetched here: the gateway starts even while the identity provider is down.
     *
     * <p>Accepts ES256 and RS256. ES256 alone would be preferable, but widely used identity providers
     * (Microsoft Entra ID, Google, Okta's default) publish RSA keys only; RS256 with keys of at least
     * 2048 bits (enforced by {@link TokenVerifier}) is sound, and every key is used only with the
     * algorithm of its type, so HMAC or {@code none} tokens are still refused.
     */
    public static TokenKeys remote(final URI jwksUrl, final Duration cacheTtl) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        final long ttl = cacheTtl.toMillis();
        // Nimbus's defaults (15 s, 30 s, 30 s) scaled down for short cache lifetimes, keeping its rules:
        // refresh-ahead + refresh timeout <= ttl, and the re-fetch interval < ttl.
        final long refreshTimeout = Math.min(15_000, ttl / 4);
        final long refreshAhead = Math.min(30_000, ttl / 4);
        final long minFetchInterval = Math.min(30_000, ttl / 2);
        final AtomicBoolean lastFetchFailed = new AtomicBoolean(false);
        final String where = jwksUrl.getHost();
        final JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, SIZE_LIMIT_BYTES))
                    .cache(ttl, refreshTimeout)
                    // On demand (not scheduled), so no background thread polls an idle identity provider.
                    .refreshAheadCache(refreshAhead, false)
                    // A token with an unknown kid triggers a re-fetch (key rotation); at most one per interval,
                    // so made-up kids cannot turn the gateway into a load generator against the provider.
                    .rateLimited(minFetchInterval)
                    .retrying(true)
                    .outageTolerant(OUTAGE_TOLERANCE_LIFETIMES * ttl)
                    .healthReporting(report -> {
                        final boolean failed = report.getHealthStatus() != HealthStatus.HEALTHY;
                        if (lastFetchFailed.getAndSet(failed) != failed) {
                            if (failed) {
                                LOG.warn("identity provider keys at {} unavailable: {}", where,
                                        report.getException() == null ? "unknown cause" : report.getException().toString());
                            } else {
                                LOG.info("identity provider keys at {} available again", where);
                            }
                        }
                    })
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("CUSTODIA_JWKS_URL is not a URL", e);
        }
        return new TokenKeys(source, Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), Optional.of(cacheTtl),
                Duration.ofMillis(Math.max(1_000, minFetchInterval)), lastFetchFailed);
    }

    JWKSource<SecurityContext> source() {
        return source;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * How long a verified token may be trusted without checking its signature again: as long as the
     * keys are cached, so a key the identity provider removed stops working within about two cache
     * lifetimes. Empty for fixed keys, which never change.
     */
    Optional<Duration> trustLimit() {
        return trustLimit;
    }

    /** The earliest a new fetch of the key set is attempted. */
    Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether a failure to get keys means the identity provider cannot be reached (rather than that it
     * does not publish the token's key). A rate-limited re-fetch after a successful one only means the
     * key set was fetched a moment ago and the key was not in it.
     */
    boolean unavailable(final KeySourceException e) {
        return !(e instanceof RateLimitReachedException) || lastFetchFailed.get();
    }

    /** Stops nimbus's refresh thread, if one was started. */
    @Override
    public void close() {
        if (source instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the JWKS source", e);
            }
        }
    }
}
