package io.custodia.gateway.authz;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, in one table: institution A (owner of the objects), institution B, auditor,
 * patient P1 (subject of the consent), proxy of P1, patient P2 and anonymous, against own, foreign and
 * missing objects. Each row is one request and the status it must get; mismatches are collected and
 * reported together. Foreign and missing objects must look the same (404).
 */
class AuthorizationMatrixTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final String ACCESS = "{\"datasetId\":\"%s\",\"purpose\":{\"code\":\"HMB\"},\"commercial\":false,"
            + "\"forProfit\":false,\"methodsDevelopment\":false,\"geneticStudy\":false}";

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        TOKENS.put("orgA", gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward-a"));
        TOKENS.put("orgB", gateway.token(UserRole.INSTITUTION, "Org2MSP", "steward-b"));
        TOKENS.put("auditor", gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo"));
        TOKENS.put("p1", gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-P1"));
        TOKENS.put("proxyP1", gateway.token(UserRole.PROXY, "Org1MSP", "GUARDIAN-P1"));
        TOKENS.put("p2", gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-P2"));
        TOKENS.put("anonymous", null);

        String p1 = http.post("/api/v1/subjects/pseudonyms", TOKENS.get("orgA"), json(Map.of("patientIds", List.of("MRN-P1"))))
                .json().get("subjectRefs").get(0).asText();
        expect(201, http.post("/api/v1/datasets", TOKENS.get("orgA"), json(ApiSamples.registration("mx-a", List.of(p1)))));
        expect(201, http.post("/api/v1/datasets", TOKENS.get("orgA"), json(ApiSamples.registration("mx-withdraw", List.of()))));
        expect(201, http.post("/api/v1/datasets", TOKENS.get("orgB"), json(ApiSamples.registration("mx-b", List.of()))));
        expect(201, http.post("/api/v1/consents", TOKENS.get("p1"), json(Map.of(
                "consentId", "mx-c1", "scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"),
                "purposes", List.of(Map.of("code", "HMB")), "grantees", List.of("Org2MSP"),
                "validFrom", "2025-01-01T00:00:00Z", "documentHash", Hashes.sha256Hex("form")))));
        expect(201, http.post("/api/v1/delegations", TOKENS.get("orgA"), json(Map.of(
                "delegationId", "mx-d1", "patientId", "MRN-P1", "proxyId", "GUARDIAN-P1", "kind", "GUARDIAN",
                "scope", Map.of("grant", true, "revoke", true), "validFrom", "2025-01-01T00:00:00Z",
                "documentHash", Hashes.sha256Hex("court-order")))));
        expect(201, http.post("/api/v1/access-requests", TOKENS.get("orgB"), String.format(ACCESS, "mx-a").replace("{\"datasetId\"", "{\"requestId\":\"mx-r1\",\"datasetId\"")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void every_caller_gets_exactly_the_expected_status_for_own_foreign_and_missing_objects() throws Exception {
        List<String> mismatches = new ArrayList<>();

        // dataset catalogue: institutions and auditors read everything; patients and proxies are not catalogue users
        row(mismatches, "GET", "/api/v1/datasets/mx-a", null, Map.of("orgA", 200, "orgB", 200, "auditor", 200, "p1", 403, "proxyP1", 403, "p2", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/datasets/mx-missing", null, Map.of("orgA", 404, "orgB", 404, "auditor", 404, "p1", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/datasets/mx-a/custody", null, Map.of("orgA", 200, "orgB", 200, "auditor", 200, "p1", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/datasets?owner=Org1MSP", null, Map.of("orgA", 200, "auditor", 200, "p2", 403, "anonymous", 401));
        // writes on datasets: only the owner; foreign looks like missing
        row(mismatches, "POST", "/api/v1/datasets/mx-a/withdrawal", "{\"reason\":\"quality-issue\"}",
                Map.of("orgB", 404, "auditor", 403, "p1", 403, "proxyP1", 403, "anonymous", 401));
        row(mismatches, "POST", "/api/v1/datasets/mx-missing/withdrawal", "{\"reason\":\"quality-issue\"}", Map.of("orgA", 404, "orgB", 404));
        row(mismatches, "POST", "/api/v1/datasets/mx-withdraw/withdrawal", "{\"reason\":\"quality-issue\"}", Map.of("orgA", 200));
        row(mismatches, "POST", "/api/v1/datasets", json(ApiSamples.registration("mx-new", List.of())),
                Map.of("auditor", 403, "p1", 403, "proxyP1", 403, "anonymous", 401));
        // access requests: institutions only; a missing dataset is 404
        row(mismatches, "POST", "/api/v1/access-requests", String.format(ACCESS, "mx-missing"), Map.of("orgB", 404));
        row(mismatches, "POST", "/api/v1/access-requests", String.format(ACCESS, "mx-a"),
                Map.of("auditor", 403, "p1", 403, "proxyP1", 403, "anonymous", 401));
        // audit trails: auditor everything; the owner its dataset; others not
        row(mismatches, "GET", "/api/v1/audit/access-events?datasetId=mx-a", null,
                Map.of("auditor", 200, "orgA", 200, "orgB", 404, "p1", 403, "proxyP1", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/audit/access-events?institution=Org2MSP", null, Map.of("auditor", 200, "orgB", 200, "orgA", 404, "p2", 403));
        row(mismatches, "GET", "/api/v1/audit/access-events/mx-r1", null, Map.of("auditor", 200, "orgA", 200, "orgB", 200, "p1", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/audit/access-events/mx-missing", null, Map.of("auditor", 404, "orgA", 404));
        // consents: a patient sees and revokes only their own; foreign and missing look the same
        row(mismatches, "GET", "/api/v1/me/consents", null, Map.of("p1", 200, "p2", 200, "orgA", 403, "auditor", 403, "anonymous", 401));
        row(mismatches, "GET", "/api/v1/me/consents?delegationId=mx-d1", null, Map.of("proxyP1", 200));
        row(mismatches, "DELETE", "/api/v1/consents/mx-c1", null, Map.of("p2", 404, "orgA", 403, "orgB", 403, "auditor", 403, "anonymous", 401));
        row(mismatches, "DELETE", "/api/v1/consents/mx-missing", null, Map.of("p1", 404, "p2", 404));
        row(mismatches, "GET", "/api/v1/me/disclosures", null, Map.of("p1", 200, "orgA", 403, "auditor", 403, "anonymous", 401));
        // delegations: institutions register; only the registering one ends
        row(mismatches, "POST", "/api/v1/delegations/mx-d1/end", "", Map.of("orgB", 404, "auditor", 403, "p1", 403, "anonymous", 401));
        row(mismatches, "POST", "/api/v1/delegations/mx-missing/end", "", Map.of("orgA", 404));
        // ledger: institutions and auditors read status; only auditors verify
        row(mismatches, "GET", "/api/v1/ledger", null, Map.of("orgA", 200, "auditor", 200, "p1", 403, "anonymous", 401));
        row(mismatches, "POST", "/api/v1/ledger/verify", "", Map.of("auditor", 200, "orgA", 403, "p1", 403, "proxyP1", 403, "anonymous", 401));
        // and finally the owner's own revocation and delegation end work
        row(mismatches, "DELETE", "/api/v1/consents/mx-c1?delegationId=mx-d1", null, Map.of("proxyP1", 200));
        row(mismatches, "POST", "/api/v1/delegations/mx-d1/end", "", Map.of("orgA", 200));

        assertThat(mismatches).as("requests whose status differs from the table").isEmpty();
    }

    private static void row(final List<String> mismatches, final String method, final String path, final String body,
            final Map<String, Integer> expected) throws Exception {
        for (Map.Entry<String, Integer> cell : expected.entrySet()) {
            String token = TOKENS.get(cell.getKey());
            Reply reply = switch (method) {
                case "GET" -> http.get(path, token);
                case "DELETE" -> http.delete(path, token);
                default -> http.post(path, token, body == null ? "" : body);
            };
            if (reply.status() != cell.getValue()) {
                mismatches.add(cell.getKey() + " " + method + " " + path + ": expected " + cell.getValue() + ", got " + reply);
            }
        }
    }

    private static void expect(final int status, final Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    }
}
