package io.custodia.gateway.auth;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.IdpTokens;
import io.custodia.gateway.testing.JwksServer;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Production mode: tokens from an identity provider, checked against its JWKS over real HTTP. */
class JwksTokenVerificationTest {
    private static ECKey idpKey;
    private static RSAKey idpRsaKey;
    private static JwksServer jwks;
    private static RunningGateway gateway;
    private static HttpClientSupport http;

    @BeforeAll
    static void start() throws Exception {
        idpKey = new ECKeyGenerator(Curve.P_256).keyID("idp-ec-1").generate();
        idpRsaKey = new RSAKeyGenerator(2048).keyID("idp-rsa-1").generate();
        jwks = JwksServer.start(idpKey, idpRsaKey);
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-jwks-"),
                Map.of("CUSTODIA_JWKS_URL", jwks.url().toString()));
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        jwks.close();
    }

    @Test
    void accepts_an_es256_token_signed_by_a_key_in_the_jwks() throws Exception {
        String token = IdpTokens.institution(idpKey);

        Reply reply = http.get("/api/v1/datasets", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void accepts_an_rs256_token_signed_by_a_key_in_the_jwks() throws Exception {
        String token = IdpTokens.institution(idpRsaKey);

        Reply reply = http.get("/api/v1/datasets", token);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void issues_no_development_tokens() throws Exception {
        Reply reply = http.post("/dev/tokens", null, "{\"role\":\"institution\",\"institution\":\"Org1MSP\",\"subject\":\"x\"}");

        assertThat(gateway.gateway().devTokens()).isEmpty();
        assertThat(reply.status()).isEqualTo(404);
        assertThat(gateway.dataDir().resolve("keys/dev-jwt.json")).doesNotExist();
    }

    @Test
    void refuses_a_token_from_another_issuer() throws Exception {
        String token = IdpTokens.sign(idpKey, IdpTokens.institutionClaims().issuer("https://evil.example").build());

        assertRefusedWithoutWriting(token);
    }

    @Test
    void refuses_a_token_for_another_audience() throws Exception {
        String token = IdpTokens.sign(idpKey, IdpTokens.institutionClaims().audience("other-api").build());

        assertRefusedWithoutWriting(token);
    }

    @Test
    void refuses_an_expired_token() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String token = IdpTokens.sign(idpKey, IdpTokens.institutionClaims()
                .issueTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build());

        assertRefusedWithoutWriting(token);
    }

    @Test
    void refuses_an_unsigned_alg_none_token() throws Exception {
        String token = new PlainJWT(new PlainHeader(), IdpTokens.institutionClaims().build()).serialize();

        assertRefusedWithoutWriting(token);
    }

    @Test
    void refuses_an_hs256_token_keyed_with_the_published_public_key() throws Exception {
        // The algorithm-confusion attack: the public key is public, so an HMAC "signed" with it proves nothing.
        byte[] publicKey = idpKey.toPublicJWK().toECPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idpKey.getKeyID()).build(),
                IdpTokens.institutionClaims().build());
        jwt.sign(new MACSigner(publicKey));

        assertRefusedWithoutWriting(jwt.serialize());
    }

    @Test
    void refuses_a_token_signed_by_a_key_not_in_the_jwks() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger-" + UUID.randomUUID()).generate();

        assertRefusedWithoutWriting(IdpTokens.institution(stranger));
    }

    @Test
    void refuses_a_token_whose_payload_was_changed_after_signing() throws Exception {
        String[] parts = IdpTokens.institution(idpKey).split("\\.");
        String forged = IdpTokens.institutionClaims().claim("institution", "Org2MSP").build().toString();
        String tampered = parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefusedWithoutWriting(tampered);
    }

    @Test
    void refuses_an_rs256_token_from_a_key_shorter_than_2048_bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var pair = generator.generateKeyPair();
        RSAKey weak = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("idp-rsa-weak").build();
        jwks.publish(idpKey, idpRsaKey, weak);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-rsa-weak").build(),
                    IdpTokens.institutionClaims().build());
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(pair.getPrivate(), true));

            assertRefusedWithoutWriting(jwt.serialize());
        } finally {
            jwks.publish(idpKey, idpRsaKey);
        }
    }

    @Test
    void fetches_the_jwks_at_most_twice_per_interval_however_many_unknown_kids_arrive() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("flood").generate();
        int before = jwks.fetches();

        for (int i = 0; i < 20; i++) {
            JWTClaimsSet claims = IdpTokens.institutionClaims().build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("flood-" + i).build(), claims);
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(stranger));
            assertThat(http.get("/api/v1/datasets", jwt.serialize()).status()).isEqualTo(401);
        }

        // Nimbus allows two fetches per 30 s window; the burst may straddle one window boundary.
        assertThat(jwks.fetches() - before).isLessThanOrEqualTo(3);
    }

    /** 401 problem+json for a write, and the dataset does not exist afterwards, neither off-chain nor on the ledger. */
    private static void assertRefusedWithoutWriting(final String token) throws Exception {
        String datasetId = "ds-refused-" + UUID.randomUUID();

        Reply reply = http.post("/api/v1/datasets", token, json(ApiSamples.registration(datasetId, List.of("ref-00000001"))));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
        assertThat(gateway.gateway().store().datasets().find(datasetId)).isEmpty();
        assertThat(http.get("/api/v1/datasets/" + datasetId, IdpTokens.institution(idpKey)).status()).isEqualTo(404);
    }
}
