package io.custodia.gateway.consent;

import static io.custodia.gateway.consent.ConsentFixtures.grant;
import static io.custodia.gateway.consent.ConsentFixtures.grantWithDocument;
import static io.custodia.gateway.consent.ConsentFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrantConsentTest {
    private static RunningGateway gateway;
    private static ConsentFixtures f;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        f = new ConsentFixtures(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void patient_grants_a_consent_on_their_own_subject() throws Exception {
        final String id = newId("c");

        final Reply reply = f.grantAs(f.p1, grant(id));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final JsonNode onLedger = f.consentOnLedger(id);
        assertThat(onLedger.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(onLedger.path("consent").path("grantor").path("kind").asText()).isEqualTo("SUBJECT");
        assertThat(reply.json().path("consent").path("subjectRef").asText())
                .isEqualTo(onLedger.path("consent").path("subjectRef").asText())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void the_response_never_contains_the_patient_identifier() throws Exception {
        final Reply reply = f.grantAs(f.p1, grant(newId("c")));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).doesNotContain(f.p1Id);
    }

    @Test
    void a_document_is_stored_off_chain_and_its_sha256_goes_on_chain() throws Exception {
        final String id = newId("c");
        final String text = "I consent to research use. " + id;

        final Reply reply = f.grantAs(f.p1, grantWithDocument(id, text));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final String expected = Hashes.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
        assertThat(f.consentOnLedger(id).path("consent").path("documentHash").asText()).isEqualTo(expected);
        assertThat(gateway.gateway().store().consents().find(id)).hasValueSatisfying(
                d -> assertThat(new String(d.document(), StandardCharsets.UTF_8)).isEqualTo(text));
    }

    @Test
    void a_grant_the_ledger_refuses_leaves_no_document_behind() throws Exception {
        final String id = newId("c");
        final Map<String, Object> body = grantWithDocument(id, "document of a grant that fails");
        // A DATASETS scope naming a dataset that does not exist: valid input, refused by the chaincode.
        body.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of("no-such-dataset-" + id)));

        final Reply reply = f.grantAs(f.p1, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(f.consentOnLedger(id)).isNull();
        assertThat(gateway.gateway().store().consents().find(id)).isEmpty();
    }

    @Test
    void a_grant_whose_validity_already_ended_is_refused_and_leaves_no_document() throws Exception {
        final String id = newId("c");
        final Map<String, Object> body = grantWithDocument(id, "expired grant");
        body.put("validFrom", "2020-01-01T00:00:00Z");
        body.put("validUntil", "2021-01-01T00:00:00Z");

        final Reply reply = f.grantAs(f.p1, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("validUntil");
        assertThat(f.consentOnLedger(id)).isNull();
        assertThat(gateway.gateway().store().consents().find(id)).isEmpty();
    }

    @Test
    void a_retry_with_the_same_idempotency_key_replays_the_first_response_and_grants_once() throws Exception {
        final String key = newId("grant-key");
        final String body = HttpClientSupport.json(grant(null));

        final Reply first = f.http.post("/api/v1/consents", f.p1, body, Map.of("Idempotency-Key", key));
        final Reply second = f.http.post("/api/v1/consents", f.p1, body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json()).isEqualTo(first.json());
        final String consentId = first.json().path("consent").path("consentId").asText();
        assertThat(consentId).startsWith("consent-");
        final long copies = consentsOfP1().stream().filter(consentId::equals).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_refused() throws Exception {
        final String key = newId("grant-key");
        f.http.post("/api/v1/consents", f.p1, HttpClientSupport.json(grant(null)), Map.of("Idempotency-Key", key));
        final Map<String, Object> other = grant(null);
        other.put("grantees", List.of("Org3MSP"));

        final Reply reply = f.http.post("/api/v1/consents", f.p1, HttpClientSupport.json(other), Map.of("Idempotency-Key", key));

        assertThat(reply.status()).isEqualTo(422);
    }

    @Test
    void proxy_grants_for_the_subject_of_their_delegation() throws Exception {
        final String id = newId("c");
        final Map<String, Object> body = grant(id);
        body.put("delegationId", f.delegationId);

        final Reply reply = f.grantAs(f.proxy, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        final JsonNode consent = f.consentOnLedger(id).path("consent");
        assertThat(consent.path("grantor").path("kind").asText()).isEqualTo("PROXY");
        assertThat(consent.path("grantor").path("delegationId").asText()).isEqualTo(f.delegationId);
        assertThat(consent.path("subjectRef").asText()).isEqualTo(subjectRefOfP1());
    }

    @Test
    void proxy_naming_someone_elses_or_a_missing_delegation_gets_404_and_nothing_is_written() throws Exception {
        final String foreignDelegation = newId("delegation");
        f.http.post("/api/v1/delegations", f.institution, HttpClientSupport.json(
                ConsentFixtures.delegation(foreignDelegation, "mrn-someone-" + foreignDelegation, "mrn-other-proxy-" + foreignDelegation)));
        final String id1 = newId("c");
        final String id2 = newId("c");
        final Map<String, Object> foreign = grantWithDocument(id1, "proxy document");
        foreign.put("delegationId", foreignDelegation);
        final Map<String, Object> missing = grant(id2);
        missing.put("delegationId", "no-such-delegation");

        final Reply foreignReply = f.grantAs(f.proxy, foreign);
        final Reply missingReply = f.grantAs(f.proxy, missing);

        assertThat(foreignReply.status()).isEqualTo(404);
        assertThat(missingReply.status()).isEqualTo(404);
        assertThat(foreignReply.json().path("type").asText()).isEqualTo(missingReply.json().path("type").asText());
        assertThat(f.consentOnLedger(id1)).isNull();
        assertThat(f.consentOnLedger(id2)).isNull();
        assertThat(gateway.gateway().store().consents().find(id1)).isEmpty();
    }

    @Test
    void proxy_under_an_ended_delegation_is_refused_like_a_missing_delegation() throws Exception {
        final String delegationId = newId("delegation");
        final String proxyId = "mrn-ended-proxy-" + delegationId;
        f.http.post("/api/v1/delegations", f.institution, HttpClientSupport.json(
                ConsentFixtures.delegation(delegationId, f.p1Id, proxyId)));
        f.http.post("/api/v1/delegations/" + delegationId + "/end", f.institution, "");
        final String id = newId("c");
        final Map<String, Object> body = grantWithDocument(id, "proxy document under ended delegation");
        body.put("delegationId", delegationId);

        final Reply reply = f.grantAs(gateway.token(io.custodia.gateway.auth.UserRole.PROXY, ConsentFixtures.ORG, proxyId), body);

        // The gateway refuses an ended delegation for every act, as /me/disclosures always did (404);
        // the chaincode would refuse it too (DELEGATION_INVALID) if the gateway let it through.
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.json().path("type").asText()).isEqualTo("/problems/not-found");
        assertThat(f.consentOnLedger(id)).isNull();
        assertThat(gateway.gateway().store().consents().find(id)).isEmpty();
    }

    @Test
    void proxy_without_delegation_id_and_patient_with_one_are_bad_requests() throws Exception {
        final Map<String, Object> patientBody = grant(newId("c"));
        patientBody.put("delegationId", f.delegationId);

        final Reply proxyReply = f.grantAs(f.proxy, grant(newId("c")));
        final Reply patientReply = f.grantAs(f.p1, patientBody);

        assertThat(proxyReply.status()).isEqualTo(400);
        assertThat(proxyReply.json().path("errors").get(0).path("field").asText()).isEqualTo("delegationId");
        assertThat(patientReply.status()).isEqualTo(400);
        assertThat(patientReply.json().path("errors").get(0).path("field").asText()).isEqualTo("delegationId");
    }

    @Test
    void institution_and_auditor_may_not_grant_and_anonymous_callers_are_unauthenticated() throws Exception {
        final String body = HttpClientSupport.json(grant(newId("c")));

        assertThat(f.http.post("/api/v1/consents", f.institution, body).status()).isEqualTo(403);
        assertThat(f.http.post("/api/v1/consents", f.auditor, body).status()).isEqualTo(403);
        assertThat(f.http.post("/api/v1/consents", null, body).status()).isEqualTo(401);
    }

    @Test
    void every_kind_of_bad_input_is_a_400_naming_the_field_and_writes_nothing() throws Exception {
        final List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {without("scope"), "scope"});
        cases.add(new Object[] {with("scope", Map.of("kind", "DATASETS")), "scope.datasetIds"});
        cases.add(new Object[] {with("purposes", List.of()), "purposes"});
        cases.add(new Object[] {with("purposes", List.of(Map.of("code", "XYZ"))), "purposes[0].code"});
        cases.add(new Object[] {with("grantees", List.of()), "grantees"});
        cases.add(new Object[] {with("grantees", List.of("not an msp")), "grantees"});
        cases.add(new Object[] {without("validFrom"), "validFrom"});
        cases.add(new Object[] {with("validFrom", "yesterday"), "validFrom"});
        cases.add(new Object[] {with("validUntil", "2024-01-01T00:00:00Z"), "validUntil"});
        cases.add(new Object[] {with("documentHash", "not-a-hash"), "documentHash"});
        cases.add(new Object[] {without("documentHash"), "documentHash"});
        cases.add(new Object[] {with("document", "!!not base64!!"), "documentHash"});
        cases.add(new Object[] {with("unknownMember", 1), "unknownMember"});
        for (final Object[] c : cases) {
            @SuppressWarnings("unchecked")
            final Map<String, Object> body = (Map<String, Object>) c[0];
            final String id = (String) body.get("consentId");

            final Reply reply = f.grantAs(f.p2, body);

            assertThat(reply.status()).as(body + " → " + reply).isEqualTo(400);
            assertThat(reply.json().path("errors").findValuesAsText("field")).as(reply.toString())
                    .anySatisfy(field -> assertThat(field).startsWith((String) c[1]));
            assertThat(f.consentOnLedger(id)).isNull();
            assertThat(gateway.gateway().store().consents().find(id)).isEmpty();
        }
        // P2 never got a pseudonym: bad requests do not even register the caller.
        assertThat(f.registered(f.p2Id)).isEmpty();
    }

    @Test
    void a_bad_document_and_an_oversized_one_are_400_on_the_document_field() throws Exception {
        final Map<String, Object> notBase64 = grantWithDocument(newId("c"), "x");
        notBase64.put("document", "%%%");
        final Map<String, Object> tooLarge = grantWithDocument(newId("c"), "x");
        tooLarge.put("document", java.util.Base64.getEncoder().encodeToString(new byte[Documents.MAX_BYTES + 1]));

        final Reply bad = f.grantAs(f.p2, notBase64);
        final Reply large = f.grantAs(f.p2, tooLarge);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("document");
        assertThat(large.status()).isEqualTo(400);
        assertThat(large.json().path("errors").get(0).path("field").asText()).isEqualTo("document");
        assertThat(gateway.gateway().store().consents().find((String) tooLarge.get("consentId"))).isEmpty();
    }

    private static Map<String, Object> without(final String member) {
        final Map<String, Object> body = grant(newId("c"));
        body.remove(member);
        return body;
    }

    private static Map<String, Object> with(final String member, final Object value) {
        final Map<String, Object> body = grant(newId("c"));
        body.put(member, value);
        return body;
    }

    private List<String> consentsOfP1() throws Exception {
        final Reply reply = f.http.get("/api/v1/me/consents?pageSize=1000", f.p1);
        return reply.json().path("items").findValuesAsText("consentId");
    }

    private String subjectRefOfP1() throws Exception {
        final String id = f.grantedByP1(grant(newId("c")));
        return f.consentOnLedger(id).path("consent").path("subjectRef").asText();
    }
}
