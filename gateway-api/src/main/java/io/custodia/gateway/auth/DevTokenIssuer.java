package io.custodia.gateway.auth;

import io.custodia.ledger.PrivateFiles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues development tokens in embedded mode, signed with an ES256 key kept in the data directory
 * (created on first start, owner-readable only). Production deployments validate tokens from their
 * own identity provider against a JWKS instead and never enable this.
 */
public final class DevTokenIssuer {
    private final ECKey key;
    private final String issuer;
    private final String audience;

    private DevTokenIssuer(final ECKey key, final String issuer, final String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public static DevTokenIssuer loadOrCreate(final Path keyFile, final String issuer, final String audience) {
        try {
            if (Files.exists(keyFile)) {
                PrivateFiles.requireOwnerOnly(keyFile);
                return new DevTokenIssuer(ECKey.parse(Files.readString(keyFile)), issuer, audience);
            }
            final ECKey key = new ECKeyGenerator(Curve.P_256).keyID("dev-" + UUID.randomUUID()).generate();
            // Created 0600 by the open itself (PrivateFiles), not chmod-ed after it was written.
            PrivateFiles.writeAtomically(keyFile, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return new DevTokenIssuer(key, issuer, audience);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development token key " + keyFile, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the development token key " + keyFile + " is unusable", e);
        }
    }

    /** A signed token for {@code principal}, valid for {@code ttl}. */
    public String issue(final Principal principal, final Duration ttl) {
        final Instant now = Instant.now();
        final JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(principal.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenVerifier.ROLE_CLAIM, principal.role().claim())
                .claim(TokenVerifier.INSTITUTION_CLAIM, principal.institution())
                .build();
        final SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign development token", e);
        }
        return jwt.serialize();
    }

    /** The public half, as the verifier's key source. */
    public JWKSource<SecurityContext> publicKeys() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }
}
