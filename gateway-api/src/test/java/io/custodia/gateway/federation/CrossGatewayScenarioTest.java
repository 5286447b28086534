package io.custodia.gateway.federation;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-gateway flow, black box over HTTP: register at Org1 → patients consent at Org1 → access
 * request at Org2 → pointers delivered → the patient sees the disclosure at Org1 → revoke → Org2 again
 * (the revoked subject is not released) → the auditor's trail, delivery receipts, undelivered PERMITs
 * and ledger verification. Embedded: one gateway plays both institutions through the same release
 * code path. Fabric: two gateways, one per institution, each with its own store and identity; Org2's
 * gateway fetches from Org1's over {@code /federation/v1/releases}.
 */
class CrossGatewayScenarioTest {

    @Test
    void on_the_embedded_ledger_one_gateway_releases_to_itself_through_the_same_protocol() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-federation-"))) {
            scenario(gateway, gateway);
        }
    }

    @Test
    void on_fabric_org2s_gateway_fetches_the_pointers_from_org1s_gateway() throws Exception {
        final Path network = FabricTestNetwork.require();
        final Map<String, String> trust = Map.of("CUSTODIA_FEDERATION_TRUST",
                "Org1MSP=" + ca(network, 1) + ",Org2MSP=" + ca(network, 2));
        try (RunningGateway org1 = fabricGateway(network, 1, trust, Map.of())) {
            try (RunningGateway org2 = fabricGateway(network, 2, trust, Map.of("CUSTODIA_PEER_GATEWAYS", "Org1MSP=" + org1.baseUrl()))) {
                scenario(org1, org2);
                ownerDown(org1, org2);
            }
        }
    }

    private static void scenario(final RunningGateway org1, final RunningGateway org2) throws Exception {
        final HttpClientSupport at1 = new HttpClientSupport(org1.baseUrl());
        final HttpClientSupport at2 = new HttpClientSupport(org2.baseUrl());
        final String hospital = org1.token(UserRole.INSTITUTION, "Org1MSP", "data-steward");
        final String researcher = org2.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        final String auditor = org1.token(UserRole.AUDITOR, "Org1MSP", "dpo");
        final String mrnA = AccessScenario.unique("MRN");
        final String mrnB = AccessScenario.unique("MRN");
        final String patientA = org1.token(UserRole.PATIENT, "Org1MSP", mrnA);
        final String datasetId = AccessScenario.unique("ds-fed");

        // Register at Org1: pseudonyms, then the dataset with its pointers off-chain.
        final Reply refs = at1.post("/api/v1/subjects/pseudonyms", hospital, json(Map.of("patientIds", List.of(mrnA, mrnB))));
        assertThat(refs.status()).as(refs.toString()).isEqualTo(200);
        final String refA = refs.json().path("subjectRefs").get(0).asText();
        final String refB = refs.json().path("subjectRefs").get(1).asText();
        final Reply registered = at1.post("/api/v1/datasets", hospital, json(ApiSamples.registration(datasetId, List.of(refA, refB))));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        // Both patients consent at Org1 to HMB research by Org2.
        final String consentA = consent(at1, patientA, "Org1MSP");
        consent(at1, org1.token(UserRole.PATIENT, "Org1MSP", mrnB), "Org1MSP");

        // Org2 asks at its own gateway: PERMIT, and the pointers come from Org1's gateway.
        final Reply first = at2.post("/api/v1/access-requests", researcher, json(AccessScenario.request(datasetId)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(first.json().path("delivery").path("status").asText()).as(first.body()).isEqualTo("delivered");
        assertThat(first.json().path("storageUri").asText()).isEqualTo("s3://bucket/" + datasetId);
        assertThat(subjectRefs(first.json())).containsExactlyInAnyOrder(refA, refB);
        assertThat(first.json().path("subjects").get(0).path("pointers").get(0).asText()).startsWith("s3://bucket/" + datasetId + "/");
        assertThat(first.json().path("subjectsWithoutPointers").asInt()).isZero();
        final String firstEvent = first.json().path("event").path("eventId").asText();

        // Patient A sees the disclosure at Org1, the owner's gateway that handed the pointers out.
        final Reply disclosures = at1.get("/api/v1/me/disclosures", patientA);
        assertThat(disclosures.status()).as(disclosures.toString()).isEqualTo(200);
        assertThat(disclosures.json().path("items")).hasSize(1);
        assertThat(disclosures.json().path("items").get(0).path("eventId").asText()).isEqualTo(firstEvent);

        // A revokes (erasure at Org1); Org2 asks again: only B is released and delivered.
        final Reply revoked = at1.delete("/api/v1/consents/" + consentA, patientA);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("erasure").path("receiptId").isTextual()).isTrue();
        final Reply second = retryingConflicts(at2, researcher, datasetId);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("event").path("subjectsReleased").asInt()).isEqualTo(1);
        assertThat(subjectRefs(second.json())).containsExactly(refB);
        assertThat(second.body()).doesNotContain(refA.substring(0, 8) + "/ct.dcm");
        final String secondEvent = second.json().path("event").path("eventId").asText();

        // The auditor: both events on the trail, both delivered (receipts), none undelivered, ledger intact.
        final Reply trail = at1.get("/api/v1/audit/access-events?datasetId=" + datasetId, auditor);
        assertThat(trail.json().path("items")).hasSize(2);
        final Reply receipt1 = at1.get("/api/v1/audit/access-events/" + firstEvent + "/delivery", auditor);
        final Reply receipt2 = at1.get("/api/v1/audit/access-events/" + secondEvent + "/delivery", auditor);
        assertThat(receipt1.status()).as(receipt1.toString()).isEqualTo(200);
        assertThat(receipt1.json().path("delivery").path("recipient").asText()).isEqualTo("Org2MSP");
        assertThat(receipt1.json().path("delivery").path("subjectsDelivered").asInt()).isEqualTo(2);
        assertThat(receipt2.json().path("delivery").path("subjectsDelivered").asInt()).isEqualTo(1);
        final Reply undelivered = at1.get("/api/v1/audit/undelivered-permits?datasetId=" + datasetId, auditor);
        assertThat(undelivered.status()).as(undelivered.toString()).isEqualTo(200);
        assertThat(undelivered.json().path("items")).isEmpty();
        final Reply verify = at1.post("/api/v1/ledger/verify", auditor, json(Map.of()));
        assertThat(verify.json().path("valid").asBoolean()).as(verify.body()).isTrue();
    }

    /** Org1's gateway stops answering: Org2's access request is still the committed PERMIT, delivery pending, retryable. */
    private static void ownerDown(final RunningGateway org1, final RunningGateway org2) throws Exception {
        final HttpClientSupport at1 = new HttpClientSupport(org1.baseUrl());
        final HttpClientSupport at2 = new HttpClientSupport(org2.baseUrl());
        final String hospital = org1.token(UserRole.INSTITUTION, "Org1MSP", "data-steward");
        final String researcher = org2.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        final String mrn = AccessScenario.unique("MRN");
        final String datasetId = AccessScenario.unique("ds-down");
        final String ref = at1.post("/api/v1/subjects/pseudonyms", hospital, json(Map.of("patientIds", List.of(mrn))))
                .json().path("subjectRefs").get(0).asText();
        assertThat(at1.post("/api/v1/datasets", hospital, json(ApiSamples.registration(datasetId, List.of(ref)))).status()).isEqualTo(201);
        consent(at1, org1.token(UserRole.PATIENT, "Org1MSP", mrn), "Org1MSP");
        org1.gateway().close();

        final Reply pending = at2.post("/api/v1/access-requests", researcher, json(AccessScenario.request(datasetId)));

        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
        assertThat(pending.json().path("event").path("decision").asText()).isEqualTo("PERMIT");
        assertThat(pending.json().path("delivery").path("status").asText()).isEqualTo("pending");
        assertThat(pending.header("Retry-After")).isEqualTo("30");
        assertThat(pending.json().path("subjects")).isEmpty();
        final Reply stillPending = at2.post("/api/v1/access-requests/" + pending.json().path("event").path("eventId").asText()
                + "/delivery", researcher, "");
        assertThat(stillPending.status()).isEqualTo(202);
    }

    private static String consent(final HttpClientSupport http, final String patientToken, final String institution) throws Exception {
        final String consentId = AccessScenario.unique("consent");
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("consentId", consentId);
        body.put("scope", Map.of("kind", "INSTITUTION", "institution", institution));
        body.put("purposes", List.of(Map.of("code", "HMB")));
        body.put("grantees", List.of("Org2MSP"));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("document", Base64.getEncoder().encodeToString("signed consent form".getBytes(StandardCharsets.UTF_8)));
        final Reply reply = http.post("/api/v1/consents", patientToken, json(body));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return consentId;
    }

    /** On Fabric the other peer may lag a block behind right after the revocation (409 ledger-conflict, retryable). */
    private static Reply retryingConflicts(final HttpClientSupport http, final String token, final String datasetId) throws Exception {
        Reply reply = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            reply = http.post("/api/v1/access-requests", token, json(AccessScenario.request(datasetId)));
            if (reply.status() != 409) {
                return reply;
            }
        }
        return reply;
    }

    private static List<String> subjectRefs(final JsonNode grant) {
        final List<String> out = new ArrayList<>();
        grant.path("subjects").forEach(s -> out.add(s.path("subjectRef").asText()));
        return out;
    }

    private static Path ca(final Path network, final int org) {
        return network.resolve("crypto/peerOrganizations/org" + org + ".custodia.test/ca/ca.org" + org + ".custodia.test-cert.pem");
    }

    private static RunningGateway fabricGateway(final Path network, final int org, final Map<String, String> trust,
            final Map<String, String> more) throws Exception {
        final Map<String, String> settings = new LinkedHashMap<>(trust);
        settings.putAll(more);
        settings.put("CUSTODIA_LEDGER", "fabric");
        settings.put("CUSTODIA_FABRIC_CONNECTION", network.resolve("connections/org" + org + ".json").toString());
        return RunningGateway.start(Files.createTempDirectory("custodia-federation-org" + org + "-"), settings);
    }
}
