package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests without a valid token, and development-token requests, are limited per source address
 * (here 2 a second, bursts of 4). A gateway per test: every test starts with a full bucket for 127.0.0.1.
 */
class AnonymousRateLimitTest {
    private static final String TOKEN_REQUEST = "{\"role\":\"auditor\",\"institution\":\"AuditorMSP\",\"subject\":\"dpo\"}";

    private RunningGateway gateway;
    private HttpClientSupport http;

    @BeforeEach
    void start() throws Exception {
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-arl-"), Map.of("CUSTODIA_RATE_LIMIT_ANONYMOUS", "2"));
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void invalid_tokens_from_one_address_get_429_once_its_budget_is_spent() throws Exception {
        List<Reply> replies = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            replies.add(http.get("/api/v1/ledger", "not-a-token-" + i));
        }

        assertThat(replies.get(0).status()).isEqualTo(401);
        assertLimited(replies);
    }

    @Test
    void requests_without_a_token_from_one_address_get_429_once_its_budget_is_spent() throws Exception {
        List<Reply> replies = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            replies.add(http.get("/api/v1/ledger", null));
        }

        assertThat(replies.get(0).status()).isEqualTo(401);
        assertLimited(replies);
    }

    @Test
    void development_tokens_are_limited_per_address() throws Exception {
        List<Reply> replies = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            replies.add(http.post("/dev/tokens", null, TOKEN_REQUEST));
        }

        assertThat(replies.get(0).status()).isEqualTo(201);
        assertLimited(replies);
    }

    @Test
    void a_caller_whose_token_was_verified_is_served_while_its_address_is_limited() throws Exception {
        String auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        assertThat(http.get("/api/v1/ledger", auditor).status()).isEqualTo(200);
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(http.get("/api/v1/ledger", "not-a-token-" + i));
        }
        assertLimited(replies);

        Reply reply = http.get("/api/v1/ledger", auditor);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private static void assertLimited(final List<Reply> replies) {
        List<Reply> limited = replies.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).as("429s among " + replies.stream().map(Reply::status).toList()).isNotEmpty();
        for (Reply reply : limited) {
            assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asText()).isEqualTo("/problems/rate-limited");
        }
    }
}
