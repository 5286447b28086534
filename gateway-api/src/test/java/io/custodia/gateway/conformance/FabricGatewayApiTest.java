package io.custodia.gateway.conformance;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.system.BannerTokens;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RequiresFabricNetwork;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only fabric mode does over HTTP: one institution per gateway, its own auditors and patients, development tokens for it only, status, verify and readiness. */
@RequiresFabricNetwork
class FabricGatewayApiTest {
    private static Backend fabric;
    private static HttpClientSupport http1;
    private static HttpClientSupport http2;

    @BeforeAll
    static void start() throws Exception {
        fabric = Backend.fabric(FabricTestNetwork.require());
        http1 = new HttpClientSupport(fabric.gateway(1).baseUrl());
        http2 = new HttpClientSupport(fabric.gateway(2).baseUrl());
    }

    @AfterAll
    static void stop() {
        if (fabric != null) {
            fabric.close();
        }
    }

    @Test
    void refuses_a_token_of_another_institution_with_403() throws Exception {
        final String org2AtOrg1 = fabric.gateway(1).token(UserRole.INSTITUTION, "Org2MSP", "researcher");

        final Reply reply = http1.post("/api/v1/datasets", org2AtOrg1, json(ApiSamples.registration("ds-foreign-token", List.of())));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains("serves institution Org1MSP only");
    }

    @Test
    void serves_every_caller_its_banner_prints_and_only_those() throws Exception {
        for (final int org : List.of(1, 2)) {
            final RunningGateway gateway = fabric.gateway(org);
            final HttpClientSupport http = org == 1 ? http1 : http2;
            for (final BannerTokens.Entry entry : BannerTokens.of(gateway.gateway().servedInstitution())) {
                assertThat(entry.principal().institution()).isEqualTo("Org" + org + "MSP");
                final String token = gateway.gateway().devTokens().orElseThrow().issue(entry.principal(), Duration.ofMinutes(5));
                final String path = entry.principal().role() == UserRole.PATIENT ? "/api/v1/me/consents" : "/api/v1/ledger";

                final Reply reply = http.get(path, token);

                assertThat(reply.status()).as(entry.variable() + " at Org" + org + ": " + reply).isEqualTo(200);
            }
        }
    }

    @Test
    void issues_development_tokens_for_its_own_institution_only() throws Exception {
        final Reply foreign = http1.post("/dev/tokens", null, json(Map.of("role", "auditor", "institution", "Org2MSP", "subject", "dpo")));
        final Reply own = http1.post("/dev/tokens", null, json(Map.of("role", "auditor", "institution", "Org1MSP", "subject", "dpo")));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("institution").contains("serves Org1MSP only");
        assertThat(own.status()).isEqualTo(201);
        assertThat(http1.get("/api/v1/ledger", own.json().path("token").asText()).status()).isEqualTo(200);
    }

    @Test
    void refuses_auditors_at_an_institution_without_an_auditor_identity_and_explains_why() throws Exception {
        final ObjectNode file = (ObjectNode) new ObjectMapper().readTree(
                Files.readString(FabricTestNetwork.require().resolve("connections/org2.json")));
        ((ObjectNode) file.path("identities")).remove("auditor");
        final Path dir = Files.createTempDirectory("custodia-fabric-no-auditor-");
        final Path connection = dir.resolve("org2-no-auditor.json");
        Files.writeString(connection, file.toString());
        try (RunningGateway gateway = RunningGateway.start(dir.resolve("data"),
                Map.of("CUSTODIA_LEDGER", "fabric", "CUSTODIA_FABRIC_CONNECTION", connection.toString()))) {
            final String auditorAtOrg2 = gateway.token(UserRole.AUDITOR, "Org2MSP", "dpo");

            final Reply reply = new HttpClientSupport(gateway.baseUrl()).get("/api/v1/datasets/ds-anything", auditorAtOrg2);

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().path("detail").asText()).contains("no auditor identity");
        }
    }

    @Test
    void walks_the_readme_flow_across_both_gateways_over_http() throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String datasetId = "ds-walk-" + run;
        final String patientId = "MRN-WALK-" + run;
        final String steward = fabric.gateway(1).token(UserRole.INSTITUTION, "Org1MSP", "steward");
        final String patient = fabric.gateway(1).token(UserRole.PATIENT, "Org1MSP", patientId);
        final String researcher = fabric.gateway(2).token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        final String auditor1 = fabric.gateway(1).token(UserRole.AUDITOR, "Org1MSP", "dpo");
        final String auditor2 = fabric.gateway(2).token(UserRole.AUDITOR, "Org2MSP", "dpo");

        final Reply refs = http1.post("/api/v1/subjects/pseudonyms", steward, json(Map.of("patientIds", List.of(patientId, patientId + "-b"))));
        final List<String> subjects = List.of(refs.json().path("subjectRefs").get(0).asText(), refs.json().path("subjectRefs").get(1).asText());
        assertThat(http1.post("/api/v1/datasets", steward, json(ApiSamples.registration(datasetId, subjects))).status()).isEqualTo(201);
        final Reply granted = http1.post("/api/v1/consents", patient, json(Map.of("consentId", "consent-walk-" + run,
                "scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"), "purposes", List.of(Map.of("code", "HMB")),
                "grantees", List.of("Org2MSP"), "validFrom", "2025-01-01T00:00:00Z", "documentHash", "cd".repeat(32))));
        final Reply mine = http1.get("/api/v1/me/consents", patient);
        final Reply first = http2.post("/api/v1/access-requests", researcher, json(accessRequest("req-walk-1-" + run, datasetId)));
        final Reply revoked = http1.delete("/api/v1/consents/consent-walk-" + run, patient);
        final Reply second = http2.post("/api/v1/access-requests", researcher, json(accessRequest("req-walk-2-" + run, datasetId)));
        final Reply trail1 = http1.get("/api/v1/audit/access-events?datasetId=" + datasetId, auditor1);
        final Reply trail2 = http2.get("/api/v1/audit/access-events?datasetId=" + datasetId, auditor2);

        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        assertThat(mine.json().path("items").get(0).path("consent").path("consentId").asText()).isEqualTo("consent-walk-" + run);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(first.json().path("event").path("subjectsReleased").asLong()).isEqualTo(1);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(second.json().path("event").path("decision").asText()).as(second.toString()).isEqualTo("DENY");
        for (final Reply trail : List.of(trail1, trail2)) {
            assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
            assertThat(trail.json().path("items").findValuesAsText("decision")).containsExactly("PERMIT", "DENY");
        }
    }

    private static Map<String, Object> accessRequest(final String requestId, final String datasetId) {
        return Map.of("requestId", requestId, "datasetId", datasetId, "purpose", Map.of("code", "HMB"), "commercial", false,
                "forProfit", false, "methodsDevelopment", false, "geneticStudy", false, "task", "segmentation:lung-nodule");
    }

    @Test
    void reports_the_fabric_height_and_verifies_the_hash_chain() throws Exception {
        final String auditor = fabric.gateway(1).token(UserRole.AUDITOR, "Org1MSP", "dpo");

        final Reply status = http1.get("/api/v1/ledger", auditor);
        final Reply verify = http1.post("/api/v1/ledger/verify", auditor, json(Map.of()));

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("backend").asText()).isEqualTo("fabric");
        assertThat(status.json().path("height").asLong()).isPositive();
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().path("valid").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void is_ready_when_its_peer_answers_and_writes_can_be_endorsed() throws Exception {
        final Reply ready = http2.get("/ready", null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).as(ready.body()).isEqualTo("READY");
        assertThat(ready.json().path("writes").asText()).isEqualTo("UP");
    }
}
