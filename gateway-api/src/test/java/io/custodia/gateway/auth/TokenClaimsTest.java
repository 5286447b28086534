package io.custodia.gateway.auth;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every claim a token can get wrong, sent with a write (a dataset registration): 401 problem+json,
 * and the ledger unchanged.
 */
class TokenClaimsTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String auditor;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo-1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_token_issued_in_the_future_beyond_the_clock_skew_is_refused() throws Exception {
        String token = gateway.signed(claims(b -> b.issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))));

        assertRefusedWithoutWrite(token, "future-iat");
    }

    @Test
    void a_token_issued_within_the_clock_skew_ahead_is_accepted() throws Exception {
        String token = gateway.signed(claims(b -> b.issueTime(Date.from(Instant.now().plusSeconds(20)))));

        Reply reply = http.post("/api/v1/datasets", token, json(ApiSamples.registration("skew-ok", List.of())));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void an_empty_subject_is_refused() throws Exception {
        assertRefusedWithoutWrite(gateway.signed(claims(b -> b.subject(""))), "empty-sub");
    }

    @Test
    void a_numeric_subject_is_refused() throws Exception {
        assertRefusedWithoutWrite(gateway.signed(claims(b -> b.claim("sub", 12345))), "numeric-sub");
    }

    @Test
    void a_null_subject_is_refused_not_a_server_error() throws Exception {
        assertRefusedWithoutWrite(gateway.signedPayload(payload("null", expiry())), "null-sub");
    }

    @Test
    void a_null_expiry_is_refused_not_a_server_error() throws Exception {
        assertRefusedWithoutWrite(gateway.signedPayload(payload("\"org1-steward\"", "null")), "null-exp");
    }

    @Test
    void a_token_without_expiry_is_refused() throws Exception {
        assertRefusedWithoutWrite(gateway.signed(claims(b -> b.expirationTime(null))), "no-exp");
    }

    @Test
    void a_token_for_another_audience_or_from_another_issuer_is_refused() throws Exception {
        assertRefusedWithoutWrite(gateway.signed(claims(b -> b.audience("other-api"))), "wrong-aud");
        assertRefusedWithoutWrite(gateway.signed(claims(b -> b.issuer("https://evil.example"))), "wrong-iss");
    }

    @Test
    void an_unsigned_token_is_refused() throws Exception {
        assertRefusedWithoutWrite(new PlainJWT(new PlainHeader(), claims(b -> b)).serialize(), "alg-none");
    }

    private static void assertRefusedWithoutWrite(final String token, final String datasetId) throws Exception {
        long before = transactions();

        Reply reply = http.post("/api/v1/datasets", token, json(ApiSamples.registration(datasetId, List.of())));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
        assertThat(transactions()).isEqualTo(before);
        assertThat(http.get("/api/v1/datasets/" + datasetId, auditor).status()).isEqualTo(404);
    }

    private static long transactions() throws Exception {
        return http.get("/api/v1/ledger", auditor).json().get("transactionCount").asLong();
    }

    /** Valid institution claims, changed by {@code change}. */
    private static JWTClaimsSet claims(final UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(RunningGateway.ISSUER)
                .audience(RunningGateway.AUDIENCE)
                .subject("org1-steward")
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("role", "institution")
                .claim("institution", "Org1MSP")).build();
    }

    private static String expiry() {
        return Long.toString(Instant.now().plusSeconds(600).getEpochSecond());
    }

    /** Claims as JSON text, with {@code sub} and {@code exp} given as JSON values (so either can be null). */
    private static String payload(final String sub, final String exp) {
        return "{\"iss\":\"" + RunningGateway.ISSUER + "\",\"aud\":\"" + RunningGateway.AUDIENCE + "\",\"sub\":" + sub
                + ",\"iat\":" + Instant.now().minusSeconds(5).getEpochSecond() + ",\"exp\":" + exp
                + ",\"role\":\"institution\",\"institution\":\"Org1MSP\"}";
    }
}
