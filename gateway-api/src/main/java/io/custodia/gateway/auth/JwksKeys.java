package io.custodia.gateway.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

/**
 * The identity provider's signing keys, fetched from its JWKS URL by nimbus-jose-jwt's own source:
 * cached for {@code cacheTtl}, re-fetched at most every {@code min(cacheTtl / 2, 30 s)} when a token names
 * a key ID the cache does not know (so a rotated-in key works at once, and random key IDs cannot make
 * the gateway hammer the provider), one retry on a failed fetch. Fetches have 2 s connect and read
 * timeouts and a 256 KiB size limit.
 *
 * <pre>{@code
 * JWKSource<SecurityContext> keys = JwksKeys.remote(URI.create("https://idp.example.org/jwks.json"), Duration.ofMinutes(5));
 * }</pre>
 */
public final class JwksKeys {
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;
    private static final Duration MAX_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private JwksKeys() {}

    public static JWKSource<SecurityContext> remote(final URI jwksUrl, final Duration cacheTtl) {
        final long ttl = cacheTtl.toMillis();
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES))
                    .cache(ttl, TIMEOUT_MILLIS)
                    .refreshAheadCache(false)
                    // nimbus requires the interval to be shorter than the cache's time to live.
                    .rateLimited(Math.min(ttl / 2, MAX_REFETCH_INTERVAL.toMillis()))
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("CUSTODIA_JWKS_URL is not a URL: " + e.getMessage(), e);
        }
    }
}
