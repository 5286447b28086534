package io.custodia.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.custodia.gateway.http.ApiException;
import java.text.ParseException;
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

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(final JWKSource<SecurityContext> keys, final String issuer, final String audience) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", ROLE_CLAIM, INSTITUTION_CLAIM)));
    }

    /** The principal of a valid token; 401 for anything else, without saying which check failed in detail. */
    public Principal verify(final String token) {
        final JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
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
            return new Principal(role, institution, claims.getSubject());
        } catch (ParseException e) {
            throw ApiException.unauthorized("the token's claims have the wrong types");
        }
    }
}
