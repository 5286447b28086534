package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests refused below the API (by Jetty, or by Javalin's router) still answer RFC 9457 problem
 * details, never an HTML or empty error page.
 */
class ProtocolErrorsTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String auditor;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void an_overlong_uri_is_414_problem_json() throws Exception {
        Reply reply = http.get("/api/v1/datasets/" + "a".repeat(10_000), auditor);

        assertProblem(reply, 414);
    }

    @Test
    void a_nul_in_the_path_is_400_problem_json() throws Exception {
        Reply reply = http.get("/api/v1/datasets/a%00b", auditor);

        assertProblem(reply, 400);
    }

    @Test
    void headers_too_large_are_431_problem_json() throws Exception {
        Reply reply = http.send("GET", "/health", null, null, Map.of("X-Padding", "p".repeat(10_000)));

        assertProblem(reply, 431);
    }

    @Test
    void an_unknown_method_on_a_known_path_is_405_problem_json_with_allow() throws Exception {
        Reply reply = http.send("BREW", "/api/v1/ledger", auditor, null, Map.of());

        assertProblem(reply, 405);
        assertThat(reply.header("Allow")).isEqualTo("GET");
        assertThat(reply.body()).doesNotContain("INVALID");
    }

    @Test
    void a_known_method_the_path_does_not_serve_is_405_problem_json() throws Exception {
        Reply reply = http.delete("/api/v1/ledger", auditor);

        assertProblem(reply, 405);
    }

    @Test
    void an_unknown_path_is_404_problem_json() throws Exception {
        Reply reply = http.get("/api/v1/nothing-here", auditor);

        assertProblem(reply, 404);
    }

    @Test
    void a_body_over_the_limit_is_413_problem_json() throws Exception {
        Reply reply = http.post("/dev/tokens", null, " ".repeat((int) GatewayApp.MAX_BODY_BYTES + 1));

        assertProblem(reply, 413);
    }

    static void assertProblem(final Reply reply, final int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("type").asText()).startsWith("/problems/");
    }
}
