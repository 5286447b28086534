package io.custodia.gateway.conformance;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conformance scenario, written once and run on any {@link Backend}: Org1 registers a dataset,
 * Org2 and Org1's auditor read it, two patients consent, Org2 requests access (PERMIT, both released),
 * one patient revokes, Org2 requests again (only the other released), the auditor reads the trail,
 * and three chaincode refusals map to 409, 404 and 400.
 *
 * <p>Consents, access requests and trails go straight to the gateway's ledger client: their HTTP areas
 * are built on other branches and not merged here yet. Pointer resolution is per-gateway (each
 * institution's store), so access is compared at ledger level: the decision and the released subjects.
 */
final class ApiScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiScenario() {}

    static Transcript run(final Backend backend) throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final Transcript transcript = new Transcript(run);
        final RunningGateway gw1 = backend.gateway(1);
        final RunningGateway gw2 = backend.gateway(2);
        final HttpClientSupport http1 = new HttpClientSupport(gw1.baseUrl());
        final HttpClientSupport http2 = new HttpClientSupport(gw2.baseUrl());
        final String org1 = gw1.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        final String org2 = gw2.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        final String auditor = gw1.token(UserRole.AUDITOR, "Org1MSP", "dpo");
        final String datasetId = "ds-conf-" + run;

        final Reply pseudonyms = http1.post("/api/v1/subjects/pseudonyms", org1,
                json(Map.of("patientIds", List.of("P-" + run + "-a", "P-" + run + "-b"))));
        assertThat(pseudonyms.status()).as(pseudonyms.toString()).isEqualTo(200);
        final String a = pseudonyms.json().path("subjectRefs").get(0).asText();
        final String b = pseudonyms.json().path("subjectRefs").get(1).asText();
        transcript.record("pseudonyms", pseudonyms.status(), pseudonyms.json());

        final Reply registered = http1.post("/api/v1/datasets", org1, json(ApiSamples.registration(datasetId, List.of(a, b))));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        transcript.record("register dataset (Org1)", registered.status(), registered.json());

        final Reply readByOrg2 = http2.get("/api/v1/datasets/" + datasetId, org2);
        assertThat(readByOrg2.status()).as(readByOrg2.toString()).isEqualTo(200);
        transcript.record("read dataset (Org2)", readByOrg2.status(), readByOrg2.json());
        final Reply readByAuditor = http1.get("/api/v1/datasets/" + datasetId, auditor);
        assertThat(readByAuditor.status()).as(readByAuditor.toString()).isEqualTo(200);
        assertThat(readByAuditor.json()).isEqualTo(readByOrg2.json());
        transcript.record("read dataset (auditor)", readByAuditor.status(), readByAuditor.json());

        final LedgerCaller institution1 = LedgerCaller.institution("Org1MSP");
        final LedgerCaller institution2 = LedgerCaller.institution("Org2MSP");
        for (final String[] subject : new String[][] {{"a", a}, {"b", b}}) {
            final Committed granted = backend.ledger(1).submit(institution1, "consents:GrantConsent",
                    CanonicalJson.toString(consent("c-" + run + "-" + subject[0], subject[1], datasetId)));
            transcript.record("grant consent " + subject[0], 201, tree(granted.payload()));
        }

        final JsonNode first = tree(backend.ledger(2).submit(institution2, "access:RequestAccess",
                CanonicalJson.toString(accessRequest("r-" + run + "-1", datasetId))).payload());
        assertThat(first.path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(first.path("event").path("subjectsReleased").asLong()).isEqualTo(2);
        assertThat(strings(first.path("releasedSubjects"))).containsExactlyInAnyOrder(a, b);
        transcript.record("access request (Org2)", 201, first);

        final Committed revoked = backend.ledger(1).submit(institution1, "consents:RevokeConsent", "c-" + run + "-a",
                CanonicalJson.toString(Map.of("by", Map.of("kind", "SUBJECT"))));
        assertThat(tree(revoked.payload()).toString()).contains("REVOKED");
        transcript.record("revoke consent a", 200, tree(revoked.payload()));

        final JsonNode second = tree(backend.ledger(2).submit(institution2, "access:RequestAccess",
                CanonicalJson.toString(accessRequest("r-" + run + "-2", datasetId))).payload());
        assertThat(second.path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(strings(second.path("releasedSubjects"))).containsExactly(b);
        transcript.record("access request after revocation (Org2)", 201, second);

        final JsonNode trail = tree(backend.ledger(1).evaluate(LedgerCaller.auditor("Org1MSP"), "access:GetAccessTrailByDataset",
                datasetId, "", "", "100", ""));
        assertThat(trail.path("items")).hasSize(2);
        transcript.record("trail by dataset (auditor)", 200, trail);

        final Reply duplicate = http1.post("/api/v1/datasets", org1, json(ApiSamples.registration(datasetId, List.of(a, b))));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.json().path("type").asText()).isEqualTo("/problems/already-exists");
        transcript.record("duplicate registration", duplicate.status(), duplicate.json());

        final Reply foreignWithdrawal = http2.post("/api/v1/datasets/" + datasetId + "/withdrawal", org2, json(Map.of("reason", "superseded")));
        assertThat(foreignWithdrawal.status()).as(foreignWithdrawal.toString()).isEqualTo(404);
        transcript.record("foreign withdrawal", foreignWithdrawal.status(), foreignWithdrawal.json());

        final Map<String, Object> bad = ApiSamples.registration("ds-conf-bad-" + run, List.of(a));
        @SuppressWarnings("unchecked")
        final Map<String, Object> descriptor = new LinkedHashMap<>((Map<String, Object>) bad.get("dataset"));
        descriptor.put("license", "not a licence!");
        bad.put("dataset", descriptor);
        final Reply badInput = http1.post("/api/v1/datasets", org1, json(bad));
        assertThat(badInput.status()).as(badInput.toString()).isEqualTo(400);
        transcript.record("bad input", badInput.status(), badInput.json());

        final JsonNode badChaincodeInput = rejection(() -> backend.ledger(1).submit(institution1, "access:RequestAccess",
                CanonicalJson.toString(accessRequest("R " + run, datasetId))));
        transcript.record("bad chaincode input", 400, badChaincodeInput);
        return transcript;
    }

    /** The refusal as {code, message}, which must be INVALID_ARGUMENT with the field first. */
    private static JsonNode rejection(final LedgerCall call) throws Exception {
        try {
            call.run();
        } catch (LedgerException.Rejected e) {
            assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
            return JSON.valueToTree(Map.of("code", e.code(), "message", e.getMessage()));
        }
        throw new AssertionError("the chaincode accepted a malformed request ID");
    }

    @FunctionalInterface
    private interface LedgerCall {
        void run() throws Exception;
    }

    private static Map<String, Object> consent(final String consentId, final String subjectRef, final String datasetId) {
        final Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("consentId", consentId);
        consent.put("subjectRef", subjectRef);
        consent.put("grantor", Map.of("kind", "SUBJECT"));
        consent.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of(datasetId)));
        consent.put("purposes", List.of(Map.of("code", "HMB")));
        consent.put("grantees", List.of("Org2MSP"));
        consent.put("validFrom", "2025-01-01T00:00:00Z");
        consent.put("documentHash", Hashes.sha256Hex("consent-document-" + consentId));
        return consent;
    }

    private static Map<String, Object> accessRequest(final String requestId, final String datasetId) {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId);
        request.put("datasetId", datasetId);
        request.put("purpose", Map.of("code", "HMB"));
        request.put("commercial", false);
        request.put("forProfit", false);
        request.put("methodsDevelopment", false);
        request.put("geneticStudy", false);
        request.put("task", "segmentation:lung-nodule");
        return request;
    }

    private static JsonNode tree(final byte[] payload) throws java.io.IOException {
        return JSON.readTree(payload);
    }

    private static List<String> strings(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
