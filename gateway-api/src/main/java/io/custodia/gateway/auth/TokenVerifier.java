package io.custodia.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.custodia.gateway.http.ApiException;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies bearer tokens: a signature by a key from the configured {@link TokenKeys} with one of its
 * algorithms (ES256; with a JWKS also RS256 from keys of at least 2048 bits), so {@code alg=none},
 * HMAC algorithms and unknown keys are refused; then, by Nimbus's {@link DefaultJWTClaimsVerifier}
 * with {@link #MAX_CLOCK_SKEW_SECONDS} of clock skew, issuer, audience, expiry and not-before, plus
 * {@code iat} not in the future, every required claim present and not {@code null}; then
 * {@code sub} a non-empty string and the Custodia claims {@code role} and {@code institution}.
 */
public final class TokenVerifier {
    public static final String ROLE_CLAIM = "role";
    public static final String INSTITUTION_CLAIM = "institution";
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /**
     * How far the gateway's and the identity provider's clocks may disagree: a token is accepted up to
     * this long after its {@code exp} and before its {@code nbf} or {@code iat}. Nimbus's default.
     */
    public static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Subjects are identifiers (RFC 7519 StringOrURI); longer ones are not plausible and are not stored. */
    private static final int MAX_SUBJECT_CHARS = 255;
    private static final Set<String> REQUIRED = Set.of("sub", "exp", "iat", ROLE_CLAIM, INSTITUTION_CLAIM);

    /** Verified tokens kept until they expire; bounded, because tokens are chosen by callers. */
    private static final int CACHE_LIMIT = 10_000;
    /** NIST SP 800-131A: RSA keys below 2048 bits are no longer acceptable for signatures. */
    private static final int MIN_RSA_BITS = 2048;
    /** Access tokens per RFC 9068 carry {@code typ: at+jwt}; plain {@code JWT} and no {@code typ} stay accepted. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final TokenKeys keys;

    /** A token that passed every check, and until when it is trusted without checking it again. */
    private record Verified(Principal principal, long trustedUntilMillis) {}

    /** A verifier of tokens signed by fixed keys (the development key). */
    public TokenVerifier(final JWKSource<SecurityContext> keys, final String issuer, final String audience) {
        this(TokenKeys.fixed(keys), issuer, audience);
    }

    public TokenVerifier(final TokenKeys keys, final String issuer, final String audience) {
        this.keys = Objects.requireNonNull(keys, "keys");
        processor.setJWSKeySelector(new MinimumStrengthKeySelector(keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(audience, issuer));
    }

    /** Whether {@code token} passed every check before and is still trusted without checking it again. */
    public boolean isVerified(final String token) {
        final Verified known = verified.get(token);
        return known != null && System.currentTimeMillis() < known.trustedUntilMillis();
    }

    /**
     * The principal of a valid token; 401 for anything else, without saying which check failed in detail.
     *
     * @throws ApiException 401 when the token is not valid
     * @throws KeysUnavailableException when the identity provider's keys cannot be fetched to check it
     */
    public Principal verify(final String token) {
        // An ES256 verification costs hundreds of microseconds, a large share of a small request;
        // a token already verified stays valid until its exp, so it is not verified again until then,
        // or, with keys from an identity provider, no longer than those keys are cached: a key the
        // provider withdrew (compromised, rotated out) must stop working even for tokens seen before.
        final Verified known = verified.get(token);
        if (known != null && System.currentTimeMillis() < known.trustedUntilMillis()) {
            return known.principal();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        return verifyFully(token);
    }

    private Principal verifyFully(final String token) {
        final SignedJWT jwt;
        final JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            if (keys.unavailable(e)) {
                throw new KeysUnavailableException(keys.retryAfter(), e);
            }
            throw ApiException.unauthorized("the bearer token is invalid or expired");
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
            // Nimbus turns a numeric sub into a string while parsing; RFC 7519 §4.1.2 wants a string,
            // so the type is checked on the signed payload itself.
            if (!(jwt.getPayload().toJSONObject().get("sub") instanceof String subject)
                    || subject.isBlank() || subject.length() > MAX_SUBJECT_CHARS || subject.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.unauthorized("the token's sub claim is not a non-empty string");
            }
            final Principal principal = new Principal(role, institution, subject);
            final long expires = claims.getExpirationTime().getTime();
            verified.put(token, new Verified(principal, keys.trustLimit()
                    .map(limit -> Math.min(expires, System.currentTimeMillis() + limit.toMillis()))
                    .orElse(expires)));
            return principal;
        } catch (ParseException e) {
            throw ApiException.unauthorized("the token's claims have the wrong types");
        }
    }

    /**
     * Nimbus's claims verification (issuer, audience, exp and nbf with clock skew, required claims),
     * with two checks it does not make: a required claim present as {@code null} is missing, and a
     * token must not have been issued in the future.
     */
    private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        ClaimsVerifier(final String audience, final String issuer) {
            super(audience, new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED);
            setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        }

        @Override
        public void verify(final JWTClaimsSet claims, final SecurityContext context) throws BadJWTException {
            for (final String name : REQUIRED) {
                if (claims.getClaim(name) == null) {
                    throw new BadJWTException("JWT missing required claim " + name);
                }
            }
            super.verify(claims, context);
            if (claims.getIssueTime().getTime() > currentTime().getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L) {
                throw new BadJWTException("JWT issued in the future");
            }
        }
    }

    /** The key selector of the configured algorithms that also drops RSA keys too short to trust. */
    private static final class MinimumStrengthKeySelector extends JWSVerificationKeySelector<SecurityContext> {
        MinimumStrengthKeySelector(final TokenKeys keys) {
            super(keys.algorithms(), keys.source());
        }

        @Override
        public List<Key> selectJWSKeys(final JWSHeader header, final SecurityContext context) throws KeySourceException {
            return super.selectJWSKeys(header, context).stream()
                    .filter(key -> !(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() >= MIN_RSA_BITS)
                    .toList();
        }
    }
}
