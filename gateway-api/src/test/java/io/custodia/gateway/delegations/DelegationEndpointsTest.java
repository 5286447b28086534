package io.custodia.gateway.delegations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DelegationEndpointsTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String org1;
    private static String org2;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "registrar-1");
        org2 = gateway.token(UserRole.INSTITUTION, "Org2MSP", "registrar-2");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, Object> body(final String delegationId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegationId", delegationId);
        body.put("patientId", "mrn-child-" + delegationId);
        body.put("proxyId", "mrn-parent-" + delegationId);
        body.put("kind", "GUARDIAN");
        body.put("scope", Map.of("grant", true, "revoke", true));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("documentHash", "cd".repeat(32));
        return body;
    }

    private static String newId() {
        return "delegation-" + UUID.randomUUID();
    }

    private static JsonNode onLedger(final String delegationId) throws Exception {
        try {
            return new ObjectMapper().readTree(gateway.gateway().ledger().evaluate(
                    LedgerCaller.institution("Org1MSP"), "delegations:GetDelegation", delegationId));
        } catch (LedgerException.Rejected e) {
            return null;
        }
    }

    @Test
    void institution_registers_a_delegation_with_pseudonyms_only() throws Exception {
        final String id = newId();
        final Map<String, Object> body = body(id);

        final Reply reply = http.post("/api/v1/delegations", org1, HttpClientSupport.json(body));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final JsonNode delegation = onLedger(id).path("delegation");
        assertThat(delegation.path("subjectRef").asText()).matches("[0-9a-f]{64}");
        assertThat(delegation.path("proxyRef").asText()).matches("[0-9a-f]{64}").isNotEqualTo(delegation.path("subjectRef").asText());
        assertThat(reply.body()).doesNotContain((String) body.get("patientId")).doesNotContain((String) body.get("proxyId"));
        assertThat(onLedger(id).path("recordedBy").asText()).isEqualTo("Org1MSP");
    }

    @Test
    void an_inline_document_is_hashed_into_the_delegation() throws Exception {
        final String id = newId();
        final Map<String, Object> body = body(id);
        body.remove("documentHash");
        body.put("document", Base64.getEncoder().encodeToString("court order".getBytes(StandardCharsets.UTF_8)));

        final Reply reply = http.post("/api/v1/delegations", org1, HttpClientSupport.json(body));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(onLedger(id).path("delegation").path("documentHash").asText())
                .isEqualTo(Hashes.sha256Hex("court order".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_same_person_gets_the_same_pseudonym_in_every_delegation_of_an_institution() throws Exception {
        final String a = newId();
        final String b = newId();
        final Map<String, Object> first = body(a);
        final Map<String, Object> second = body(b);
        second.put("patientId", first.get("patientId"));

        http.post("/api/v1/delegations", org1, HttpClientSupport.json(first));
        http.post("/api/v1/delegations", org1, HttpClientSupport.json(second));

        assertThat(onLedger(b).path("delegation").path("subjectRef").asText())
                .isEqualTo(onLedger(a).path("delegation").path("subjectRef").asText());
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_registers_nothing() throws Exception {
        final List<Object[]> cases = List.of(
                new Object[] {"patientId", null, "patientId"},
                new Object[] {"patientId", "has spaces", "patientId"},
                new Object[] {"proxyId", "", "proxyId"},
                new Object[] {"kind", "UNCLE", "kind"},
                new Object[] {"scope", Map.of("grant", false, "revoke", false), "scope.grant"},
                new Object[] {"validFrom", "soon", "validFrom"},
                new Object[] {"validUntil", "2024-01-01T00:00:00Z", "validUntil"},
                new Object[] {"documentHash", "zz", "documentHash"},
                new Object[] {"document", "!!!", "documentHash"},
                new Object[] {"delegationId", "bad id with spaces", "delegationId"},
                new Object[] {"extra", true, "extra"});
        for (final Object[] c : cases) {
            final String id = newId();
            final Map<String, Object> body = body(id);
            body.put((String) c[0], c[1]);
            if (c[0].equals("delegationId")) {
                body.put("delegationId", c[1]);
            }

            final Reply reply = http.post("/api/v1/delegations", org1, HttpClientSupport.json(body));

            assertThat(reply.status()).as(c[0] + " → " + reply).isEqualTo(400);
            assertThat(reply.json().path("errors").findValuesAsText("field")).as(reply.toString())
                    .anySatisfy(field -> assertThat(field).startsWith((String) c[2]));
            assertThat(onLedger(id)).isNull();
        }
    }

    @Test
    void a_patient_cannot_be_their_own_proxy() throws Exception {
        final String id = newId();
        final Map<String, Object> body = body(id);
        body.put("proxyId", body.get("patientId"));

        final Reply reply = http.post("/api/v1/delegations", org1, HttpClientSupport.json(body));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("proxyId");
        assertThat(onLedger(id)).isNull();
    }

    @Test
    void only_institutions_register_delegations() throws Exception {
        final String body = HttpClientSupport.json(body(newId()));

        assertThat(http.post("/api/v1/delegations", gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo"), body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations", gateway.token(UserRole.PATIENT, "Org1MSP", "mrn-1"), body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations", gateway.token(UserRole.PROXY, "Org1MSP", "mrn-2"), body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations", null, body).status()).isEqualTo(401);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_registers_once() throws Exception {
        final Map<String, Object> body = body(null);
        body.remove("delegationId");
        final String json = HttpClientSupport.json(body);
        final Map<String, String> key = Map.of("Idempotency-Key", "deleg-" + UUID.randomUUID());

        final Reply first = http.post("/api/v1/delegations", org1, json, key);
        final Reply second = http.post("/api/v1/delegations", org1, json, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().path("delegation").path("delegationId").asText())
                .isEqualTo(first.json().path("delegation").path("delegationId").asText())
                .startsWith("delegation-");
    }

    @Test
    void the_registering_institution_ends_a_delegation() throws Exception {
        final String id = newId();
        http.post("/api/v1/delegations", org1, HttpClientSupport.json(body(id)));

        final Reply reply = http.post("/api/v1/delegations/" + id + "/end", org1, "");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("ENDED");
        assertThat(onLedger(id).path("status").asText()).isEqualTo("ENDED");
    }

    @Test
    void another_institution_ending_it_gets_the_same_404_as_for_a_missing_one() throws Exception {
        final String id = newId();
        http.post("/api/v1/delegations", org1, HttpClientSupport.json(body(id)));

        final Reply foreign = http.post("/api/v1/delegations/" + id + "/end", org2, "");
        final Reply missing = http.post("/api/v1/delegations/no-such-delegation/end", org2, "");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().path("detail").asText()).isEqualTo(missing.json().path("detail").asText());
        assertThat(onLedger(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void ending_twice_is_a_state_conflict_and_other_roles_may_not_end() throws Exception {
        final String id = newId();
        http.post("/api/v1/delegations", org1, HttpClientSupport.json(body(id)));
        http.post("/api/v1/delegations/" + id + "/end", org1, "");

        final Reply twice = http.post("/api/v1/delegations/" + id + "/end", org1, "");

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("type").asText()).isEqualTo("/problems/state-conflict");
        final String other = newId();
        http.post("/api/v1/delegations", org1, HttpClientSupport.json(body(other)));
        assertThat(http.post("/api/v1/delegations/" + other + "/end", gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo"), "").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations/" + other + "/end", gateway.token(UserRole.PATIENT, "Org1MSP", "mrn-x"), "").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations/" + other + "/end", gateway.token(UserRole.PROXY, "Org1MSP", "mrn-y"), "").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations/" + other + "/end", null, "").status()).isEqualTo(401);
        assertThat(http.post("/api/v1/delegations/" + "x".repeat(200) + "/end", org1, "").status()).isEqualTo(400);
        assertThat(onLedger(other).path("status").asText()).isEqualTo("ACTIVE");
    }
}
