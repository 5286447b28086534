package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer, errors included, is uncacheable, unsniffable and sends no referrer; API answers also carry a CSP. */
class SecurityHeadersTest {
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
    void api_answers_and_errors_of_every_layer_carry_the_security_headers() throws Exception {
        List<Reply> replies = List.of(
                http.get("/api/v1/ledger", auditor),                                         // 200 from a handler
                http.get("/api/v1/ledger", null),                                            // 401 from authentication
                http.get("/api/v1/datasets/missing", auditor),                               // 404 from the ledger
                http.post("/dev/tokens", null, "{\"role\":1}"),                             // 400 from body parsing
                http.send("POST", "/dev/tokens", null, "x", Map.of("Content-Type", "text/plain")), // 415
                http.get("/api/v1/no-such-endpoint", auditor),                               // 404 from the router
                http.delete("/api/v1/ledger", auditor),                                      // 405 from the router
                http.get("/api/v1/" + "a".repeat(10_000), auditor),                          // 414 from Jetty
                http.get("/health", null),
                http.get("/openapi", null));

        for (Reply reply : replies) {
            assertThat(reply.header("Cache-Control")).as(reply.status() + " " + reply.body()).isEqualTo("no-store");
            assertThat(reply.header("X-Content-Type-Options")).as(reply.status() + " " + reply.body()).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(reply.status() + " " + reply.body()).isEqualTo("no-referrer");
            assertThat(reply.header("Content-Security-Policy")).as(reply.status() + " " + reply.body()).contains("default-src 'none'");
        }
    }

    @Test
    void the_swagger_ui_has_no_api_csp_and_its_assets_are_served_with_their_types() throws Exception {
        Reply ui = http.get("/swagger", null);

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Security-Policy")).isNull();
        assertThat(ui.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Matcher script = Pattern.compile("src=\"(/webjars/[^\"]+\\.js)\"").matcher(ui.body());
        assertThat(script.find()).as(ui.body()).isTrue();
        Reply asset = http.get(script.group(1), null);
        assertThat(asset.status()).isEqualTo(200);
        // With nosniff a browser runs a script only when it is served as one.
        assertThat(asset.header("Content-Type")).startsWith("text/javascript");
        assertThat(asset.header("Content-Security-Policy")).isNull();
    }
}
