package io.custodia.gateway.datasets;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegisterDatasetApiTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String org1;
    private static String org2;
    private static String auditor;
    private static String patient;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        org2 = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        patient = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-0001");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void registers_descriptor_on_chain_and_pointers_off_chain() throws Exception {
        List<String> refs = pseudonyms("MRN-1001", "MRN-1002");

        Reply reply = http.post("/api/v1/datasets", org1, json(ApiSamples.registration("ds-reg-1", refs)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("owner").asText()).isEqualTo("Org1MSP");
        assertThat(reply.json().get("subjectCount").asInt()).isEqualTo(2);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/datasets/ds-reg-1");
        assertThat(gateway.gateway().store().datasets().find("ds-reg-1")).isPresent();
        assertThat(gateway.gateway().store().items().pointersOf("ds-reg-1", refs, refs.size()).bySubject()).hasSize(2);
        assertThat(reply.body()).doesNotContain("s3://");
        Reply read = http.get("/api/v1/datasets/ds-reg-1", auditor);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("descriptor").get("datasetId").asText()).isEqualTo("ds-reg-1");
    }

    @Test
    void pseudonyms_are_stable_per_patient_and_differ_between_institutions() throws Exception {
        List<String> first = pseudonyms("MRN-2001");
        List<String> again = pseudonyms("MRN-2001");
        Reply other = http.post("/api/v1/subjects/pseudonyms", org2, json(Map.of("patientIds", List.of("MRN-2001"))));

        assertThat(first).isEqualTo(again);
        assertThat(first.get(0)).matches("[0-9a-f]{64}");
        assertThat(other.json().get("subjectRefs").get(0).asText()).isNotEqualTo(first.get(0));
    }

    @Test
    void rejects_bad_input_with_field_errors_and_writes_nothing() throws Exception {
        Map<String, Object> body = ApiSamples.registration("ds-bad-1", pseudonyms("MRN-3001"));
        @SuppressWarnings("unchecked")
        Map<String, Object> descriptor = (Map<String, Object>) body.get("dataset");
        descriptor.put("manifestHash", "not-a-hash");
        body.put("storageUri", "");

        Reply reply = http.post("/api/v1/datasets", org1, json(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).contains("dataset.manifestHash", "storageUri");
        assertThat(http.get("/api/v1/datasets/ds-bad-1", org1).status()).isEqualTo(404);
        assertThat(gateway.gateway().store().datasets().find("ds-bad-1")).isEmpty();
    }

    @Test
    void rejects_a_raw_patient_identifier_in_place_of_a_subject_reference() throws Exception {
        Map<String, Object> body = ApiSamples.registration("ds-bad-2", List.of());
        body.put("items", List.of(Map.of("subjectRef", "MRN-0001", "itemSalt", "00112233445566778899aabbccddeeff", "pointers", List.of("s3://x"))));

        Reply reply = http.post("/api/v1/datasets", org1, json(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("items[0].subjectRef");
    }

    @Test
    void a_ledger_refusal_removes_the_pointers_it_had_stored() throws Exception {
        Map<String, Object> body = ApiSamples.registration("ds-orphan-1", pseudonyms("MRN-4001"));
        @SuppressWarnings("unchecked")
        Map<String, Object> descriptor = (Map<String, Object>) body.get("dataset");
        descriptor.put("derivation", Map.of("parents", List.of("no-such-parent"),
                "transformation", Map.of("name", "resample", "version", "1.0", "parametersHash", io.custodia.canonical.Hashes.sha256Hex("p"))));

        Reply reply = http.post("/api/v1/datasets", org1, json(body));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(gateway.gateway().store().datasets().find("ds-orphan-1")).isEmpty();
        assertThat(gateway.gateway().store().items().pointersOf("ds-orphan-1", pseudonyms("MRN-4001"), 1).bySubject()).isEmpty();
    }

    @Test
    void a_retry_with_the_same_idempotency_key_replays_the_first_response() throws Exception {
        String body = json(ApiSamples.registration("ds-idem-1", pseudonyms("MRN-5001")));
        Map<String, String> key = Map.of("Idempotency-Key", "register-ds-idem-1");

        Reply first = http.post("/api/v1/datasets", org1, body, key);
        Reply retry = http.post("/api/v1/datasets", org1, body, key);
        Reply reused = http.post("/api/v1/datasets", org1, json(ApiSamples.registration("ds-idem-2", List.of())), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reused.status()).isEqualTo(422);
    }

    @Test
    void a_second_registration_of_the_same_id_is_a_conflict() throws Exception {
        http.post("/api/v1/datasets", org1, json(ApiSamples.registration("ds-dup-1", List.of())));

        Reply again = http.post("/api/v1/datasets", org2, json(ApiSamples.registration("ds-dup-1", List.of())));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).isEqualTo("/problems/already-exists");
    }

    @Test
    void only_institutions_register_and_everyone_needs_a_token() throws Exception {
        String body = json(ApiSamples.registration("ds-role-1", List.of()));

        assertThat(http.post("/api/v1/datasets", auditor, body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/datasets", patient, body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/datasets", null, body).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/subjects/pseudonyms", auditor, json(Map.of("patientIds", List.of("MRN-1")))).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/datasets/ds-role-1", patient).status()).isEqualTo(403);
    }

    private static List<String> pseudonyms(final String... patientIds) throws Exception {
        Reply reply = http.post("/api/v1/subjects/pseudonyms", org1, json(Map.of("patientIds", List.of(patientIds))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> refs = new ArrayList<>();
        reply.json().get("subjectRefs").forEach(n -> refs.add(n.asText()));
        return refs;
    }

    private static List<String> fields(final Reply reply) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : reply.json().get("errors")) {
            out.add(e.get("field").asText());
        }
        return out;
    }
}
