package io.custodia.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.custodia.gateway.http.ApiException;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies bearer tokens: ES256 signature by a key from the configured key set (so {@code alg=none},
 * HMAC algorithms and unknown keys are refused), issuer, audience, expiry, and the Custodia claims
 * {@code role} and {@code institution}.
 */
public final class TokenVerifier {
    public static final String ROLE_CLAIM = "role";
    public static final String INSTITUTION_CLAIM = "institution";
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Verified tokens kept until they expire; bounded, because tokens are chosen by callers. */
    private static final int CACHE_LIMIT = 10_000;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final long maxCacheMillis;
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    /** A token that passed every check, and when it stops being valid. */
    private record Verified(Principal principal, long expiresAtMillis) {}

    public TokenVerifier(final JWKSource<SecurityContext> keys, final String issuer, final String audience) {
        this(keys, issuer, audience, Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * As above, remembering a verified token for at most {@code maxCache}: with a remote key set a key
     * the provider withdrew must stop working once the key cache has let it go, not at the token's exp.
     */
    public TokenVerifier(final JWKSource<SecurityContext> keys, final String issuer, final String audience, final Duration maxCache) {
        this.maxCacheMillis = maxCache.toMillis();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", ROLE_CLAIM, INSTITUTION_CLAIM)));
    }

    /** The principal of a valid token; 401 for anything else, without saying which check failed in detail. */
    public Principal verify(final String token) {
        // An ES256 verification costs hundreds of microseconds, a large share of a small request;
        // a token already verified stays valid until its exp, so it is not verified again until then.
        final Verified known = verified.get(token);
        if (known != null && System.currentTimeMillis() < known.expiresAtMillis()) {
            return known.principal();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        return verifyFully(token);
    }

    private Principal verifyFully(final String token) {
        final JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (RateLimitReachedException e) {
            // A key ID the cache does not know, and the key set was fetched moments ago: unknown key.
            throw ApiException.unauthorized("the bearer token is invalid or expired");
        } catch (KeySourceException e) {
            // The provider's keys could not be fetched: not the caller's fault, and retrying may help.
            throw new ApiException(503, "keys-unavailable", "Identity provider keys unavailable",
                    "the signing keys of the token issuer cannot be fetched now; retry later", List.of(), Map.of());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw ApiException.unauthorized("the bearer token is invalid or expired");
        }
        try {
            final UserRole role = UserRole.fromClaim(claims.getStringClaim(ROLE_CLAIM))
                    .orElseThrow(() -> ApiException.unauthorized("the token's role is not one of institution, auditor, patient, proxy"));
            final String institution = claims.getStringClaim(INSTITUTION_CLAIM);
            if (institution == null || !MSP_ID.matcher(institution).matches()) {
                throw ApiException.unauthorized("the token's institution claim is not an MSP ID");
            }
            final Principal principal = new Principal(role, institution, claims.getSubject());
            final long now = System.currentTimeMillis();
            final long cacheUntil = maxCacheMillis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxCacheMillis;
            verified.put(token, new Verified(principal, Math.min(claims.getExpirationTime().getTime(), cacheUntil)));
            return principal;
        } catch (ParseException e) {
            throw ApiException.unauthorized("the token's claims have the wrong types");
        }
    }
}
