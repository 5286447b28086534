package io.custodia.gateway.datasets;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatasetReadsApiTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String org1;
    private static String org2;
    private static String auditor;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        org2 = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        assertThat(http.post("/api/v1/datasets", org1, json(ApiSamples.registration("read-parent", List.of()))).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/datasets", org2, json(ApiSamples.registration("read-other", List.of()))).status()).isEqualTo(201);
        Map<String, Object> child = ApiSamples.registration("read-child", List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> descriptor = (Map<String, Object>) child.get("dataset");
        descriptor.put("derivation", Map.of("parents", List.of("read-parent"),
                "transformation", Map.of("name", "resample", "version", "2.1", "parametersHash", Hashes.sha256Hex("iso-1mm"))));
        assertThat(http.post("/api/v1/datasets", org1, json(child)).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void lists_datasets_filtered_by_owner_with_pagination() throws Exception {
        Reply page = http.get("/api/v1/datasets?owner=Org1MSP&pageSize=1", auditor);

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(1);
        String bookmark = page.json().get("bookmark").asText();
        assertThat(bookmark).isNotEmpty();
        Reply next = http.get("/api/v1/datasets?owner=Org1MSP&pageSize=1&bookmark=" + java.net.URLEncoder.encode(bookmark, java.nio.charset.StandardCharsets.UTF_8), auditor);
        assertThat(next.json().get("items").get(0).get("owner").asText()).isEqualTo("Org1MSP");
        assertThat(next.json().get("items").get(0).get("descriptor").get("datasetId").asText())
                .isNotEqualTo(page.json().get("items").get(0).get("descriptor").get("datasetId").asText());
    }

    @Test
    void rejects_bad_query_parameters_with_the_parameter_name() throws Exception {
        assertThat(http.get("/api/v1/datasets?pageSize=0", auditor).json().get("errors").get(0).get("field").asText()).isEqualTo("pageSize");
        assertThat(http.get("/api/v1/datasets?owner=bad%20msp", auditor).json().get("errors").get(0).get("field").asText()).isEqualTo("owner");
        assertThat(http.get("/api/v1/datasets/read-child/lineage?direction=SIDEWAYS", auditor).status()).isEqualTo(400);
    }

    @Test
    void reads_lineage_up_from_a_derived_dataset() throws Exception {
        Reply lineage = http.get("/api/v1/datasets/read-child/lineage?direction=UP&maxDepth=2", org2);

        assertThat(lineage.status()).as(lineage.toString()).isEqualTo(200);
        assertThat(lineage.body()).contains("read-parent").contains("resample");
    }

    @Test
    void only_the_owner_withdraws_and_history_shows_both_versions() throws Exception {
        Reply foreign = http.post("/api/v1/datasets/read-other/withdrawal", org1, json(Map.of("reason", "quality-issue")));
        Reply own = http.post("/api/v1/datasets/read-other/withdrawal", org2, json(Map.of("reason", "quality-issue")));
        Reply again = http.post("/api/v1/datasets/read-other/withdrawal", org2, json(Map.of("reason", "quality-issue")));
        Reply history = http.get("/api/v1/datasets/read-other/history", auditor);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(again.status()).isEqualTo(409);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("ACTIVE").contains("WITHDRAWN");
    }

    @Test
    void a_missing_dataset_is_404_for_every_read() throws Exception {
        for (String path : List.of("/api/v1/datasets/nope", "/api/v1/datasets/nope/history", "/api/v1/datasets/nope/lineage",
                "/api/v1/datasets/nope/custody", "/api/v1/datasets/nope/custody/head", "/api/v1/datasets/nope/custody/verification")) {
            assertThat(http.get(path, auditor).status()).as(path).isEqualTo(404);
        }
    }
}
