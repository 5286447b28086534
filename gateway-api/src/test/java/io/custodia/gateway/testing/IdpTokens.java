package io.custodia.gateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Tokens as an identity provider issues them: signed by a test key, for the gateway's issuer and audience. */
public final class IdpTokens {
    private IdpTokens() {}

    /** Claims of an Org1 institution token valid for an hour from {@link RunningGateway}'s issuer for its audience. */
    public static JWTClaimsSet.Builder institutionClaims() {
        final Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(RunningGateway.ISSUER)
                .audience(RunningGateway.AUDIENCE)
                .subject("org1-steward")
                .issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", "institution")
                .claim("institution", "Org1MSP");
    }

    /** An institution token signed by {@code key} (ES256 for EC keys, RS256 for RSA keys) with its kid. */
    public static String institution(final JWK key) throws JOSEException {
        return sign(key, institutionClaims().build());
    }

    public static String sign(final JWK key, final JWTClaimsSet claims) throws JOSEException {
        final boolean rsa = key instanceof RSAKey;
        final SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }
}
