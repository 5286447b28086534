package io.custodia.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
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
    void documents_every_api_route_the_app_serves() throws Exception {
        Reply reply = http.get("/openapi", null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        List<String> undocumented = new ArrayList<>();
        for (String route : gateway.gateway().routes()) {
            String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            boolean endpoint = List.of("get", "post", "put", "patch", "delete").contains(method);
            boolean api = endpoint && (path.startsWith("/api/") || path.equals("/dev/tokens") || path.equals("/health") || path.equals("/ready"));
            if (api && (paths.get(path) == null || paths.get(path).get(method) == null)) {
                undocumented.add(route);
            }
        }
        assertThat(undocumented).as("routes missing from /openapi").isEmpty();
        assertThat(gateway.gateway().routes()).contains("POST /api/v1/datasets");
    }

    @Test
    void documents_the_answers_of_the_checks_that_run_before_every_handler() throws Exception {
        JsonNode paths = http.get("/openapi", null).json().get("paths");
        List<String> missing = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode responses = op.getValue().get("responses");
            List<String> expected = new ArrayList<>();
            if (path.getKey().startsWith("/api/v1/") || path.getKey().equals("/dev/tokens")) {
                expected.add("429");
            }
            if (op.getValue().path("security").size() > 0) {
                expected.addAll(List.of("401", "503"));
            }
            if (op.getValue().has("requestBody")) {
                expected.add("413");
                expected.add("415");
            }
            for (String status : expected) {
                if (!responses.has(status)) {
                    missing.add(op.getKey() + " " + path.getKey() + " " + status);
                }
            }
            responses.properties().forEach(r -> {
                String schema = r.getValue().path("content").path("application/json").path("schema").path("$ref").asText();
                if (schema.endsWith("/ProblemDocument")) {
                    missing.add(op.getKey() + " " + path.getKey() + " " + r.getKey() + " as application/problem+json");
                }
            });
        }));

        assertThat(missing).isEmpty();
        JsonNode unavailable = paths.get("/api/v1/audit/access-events").get("get").get("responses").get("503");
        assertThat(unavailable.get("content").get("application/problem+json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/ProblemDocument");
    }

    @Test
    void serves_a_swagger_ui_for_the_document() throws Exception {
        Reply ui = http.get("/swagger", null);

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
