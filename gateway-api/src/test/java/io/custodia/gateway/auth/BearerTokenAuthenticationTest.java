package io.custodia.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticationTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void accepts_a_valid_development_token() throws Exception {
        String token = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo-1");

        Reply reply = http.get("/api/v1/ledger", token);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void answers_401_with_a_challenge_when_no_token_is_sent() throws Exception {
        Reply reply = http.get("/api/v1/ledger", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void rejects_alg_none() throws Exception {
        String unsigned = new PlainJWT(new PlainHeader(), claims(RunningGateway.ISSUER, RunningGateway.AUDIENCE, 3600)).serialize();

        assertThat(http.get("/api/v1/ledger", unsigned).status()).isEqualTo(401);
    }

    @Test
    void rejects_a_token_signed_by_an_unknown_key() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("stranger").build(),
                claims(RunningGateway.ISSUER, RunningGateway.AUDIENCE, 3600));
        jwt.sign(new ECDSASigner(stranger));

        assertThat(http.get("/api/v1/ledger", jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void rejects_an_hmac_token_even_with_a_guessable_secret() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(RunningGateway.ISSUER, RunningGateway.AUDIENCE, 3600));
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef"));

        assertThat(http.get("/api/v1/ledger", jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void rejects_expired_tokens_and_wrong_issuer_or_audience() throws Exception {
        assertThat(http.get("/api/v1/ledger", gateway.signed(claims(RunningGateway.ISSUER, RunningGateway.AUDIENCE, -120))).status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/ledger", gateway.signed(claims("https://evil.example", RunningGateway.AUDIENCE, 3600))).status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/ledger", gateway.signed(claims(RunningGateway.ISSUER, "other-api", 3600))).status())
                .isEqualTo(401);
    }

    @Test
    void answers_403_when_the_role_may_not_use_the_endpoint() throws Exception {
        String patient = gateway.token(UserRole.PATIENT, "Org1MSP", "patient-1");

        Reply reply = http.post("/api/v1/ledger/verify", patient, "");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/forbidden");
    }

    private static JWTClaimsSet claims(final String issuer, final String audience, final long ttlSeconds) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("dpo-1")
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .claim("role", "auditor")
                .claim("institution", "AuditorMSP")
                .build();
    }
}
