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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-rl-"), Map.of("CUSTODIA_RATE_LIMIT", "2"));
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_caller_over_its_limit_gets_429_with_retry_after_while_others_are_served() throws Exception {
        String busy = gateway.token(UserRole.AUDITOR, "AuditorMSP", "busy-auditor");
        String other = gateway.token(UserRole.AUDITOR, "AuditorMSP", "other-auditor");
        List<Reply> replies = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            replies.add(http.get("/api/v1/ledger", busy));
        }

        Reply limited = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among " + replies.stream().map(Reply::status).toList()));
        assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(limited.json().get("type").asText()).isEqualTo("/problems/rate-limited");
        assertThat(replies.get(0).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/ledger", other).status()).isEqualTo(200);
    }
}
