package io.custodia.gateway.consent;

import static io.custodia.gateway.consent.ConsentFixtures.grant;
import static io.custodia.gateway.consent.ConsentFixtures.grantWithDocument;
import static io.custodia.gateway.consent.ConsentFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RevokeConsentTest {
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
    void revoking_the_only_consent_revokes_on_chain_erases_off_chain_and_records_a_receipt() throws Exception {
        final String patientId = newId("mrn-solo");
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, patientId);
        final String id = newId("c");
        assertThat(f.grantAs(patient, grantWithDocument(id, "the only consent")).status()).isEqualTo(201);
        final String subjectRef = f.consentOnLedger(id).path("consent").path("subjectRef").asText();

        final Reply reply = f.http.delete("/api/v1/consents/" + id, patient);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("consent").path("status").asText()).isEqualTo("REVOKED");
        assertThat(f.consentOnLedger(id).path("status").asText()).isEqualTo("REVOKED");
        final JsonNode receipts = f.erasuresOf(subjectRef);
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).path("erasure").path("receiptId").asText()).isEqualTo(reply.json().path("erasure").path("receiptId").asText());
        assertThat(receipts.get(0).path("erasure").path("destroyedPointerSetHash").asText())
                .isEqualTo(reply.json().path("erasure").path("destroyedPointerSetHash").asText());
        assertThat(receipts.get(0).path("erasure").path("consentIds").get(0).asText()).isEqualTo(id);
        assertThat(gateway.gateway().store().consents().find(id)).isEmpty();
        assertThat(f.registered(patientId)).isEmpty();
    }

    @Test
    void after_erasure_the_patient_has_no_consents_and_a_repeated_revoke_is_404() throws Exception {
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn-repeat"));
        final String id = newId("c");
        f.grantAs(patient, grant(id));
        f.http.delete("/api/v1/consents/" + id, patient);

        final Reply again = f.http.delete("/api/v1/consents/" + id, patient);
        final Reply list = f.http.get("/api/v1/me/consents", patient);

        assertThat(again.status()).isEqualTo(404);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).isEmpty();
    }

    @Test
    void with_another_active_consent_the_erasure_is_skipped_and_the_response_says_so() throws Exception {
        final String patientId = newId("mrn-two");
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, patientId);
        final String first = newId("c");
        final String second = newId("c");
        f.grantAs(patient, grantWithDocument(first, "first"));
        f.grantAs(patient, grantWithDocument(second, "second"));
        final String subjectRef = f.consentOnLedger(first).path("consent").path("subjectRef").asText();

        final Reply reply = f.http.delete("/api/v1/consents/" + first, patient);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().has("erasure")).isFalse();
        assertThat(reply.json().path("erasureSkipped").path("reason").asText()).isEqualTo("other-active-consents");
        assertThat(reply.json().path("erasureSkipped").path("activeConsents").asInt()).isEqualTo(1);
        assertThat(f.consentOnLedger(first).path("status").asText()).isEqualTo("REVOKED");
        assertThat(f.erasuresOf(subjectRef)).isEmpty();
        assertThat(f.registered(patientId)).contains(subjectRef);
        assertThat(gateway.gateway().store().consents().find(second)).isPresent();
    }

    @Test
    void revoking_an_already_revoked_consent_is_a_state_conflict() throws Exception {
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn-twice"));
        final String keep = newId("c");
        final String id = newId("c");
        f.grantAs(patient, grant(keep));
        f.grantAs(patient, grant(id));
        f.http.delete("/api/v1/consents/" + id, patient);

        final Reply again = f.http.delete("/api/v1/consents/" + id, patient);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("/problems/state-conflict");
    }

    @Test
    void proxy_revokes_a_consent_of_their_subject_with_the_delegation() throws Exception {
        final String keep = f.grantedByP1(grant(newId("c")));
        final String id = f.grantedByP1(grant(newId("c")));

        final Reply reply = f.http.delete("/api/v1/consents/" + id + "?delegationId=" + f.delegationId, f.proxy);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final JsonNode revocation = f.consentOnLedger(id).path("revocation");
        assertThat(revocation.path("by").path("kind").asText()).isEqualTo("PROXY");
        assertThat(revocation.path("by").path("delegationId").asText()).isEqualTo(f.delegationId);
        assertThat(f.consentOnLedger(keep).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void another_patients_consent_and_a_missing_one_are_the_same_404_and_stay_active() throws Exception {
        final String id = f.grantedByP1(grant(newId("c")));

        final Reply foreign = f.http.delete("/api/v1/consents/" + id, f.p2);
        final Reply missing = f.http.delete("/api/v1/consents/no-such-consent", f.p2);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().path("title").asText()).isEqualTo(missing.json().path("title").asText());
        assertThat(f.consentOnLedger(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void proxy_with_a_delegation_for_someone_else_gets_404_and_without_one_400() throws Exception {
        final String id = f.grantedByP1(grant(newId("c")));
        final String otherDelegation = newId("delegation");
        final String otherProxyId = newId("mrn-other-proxy");
        f.http.post("/api/v1/delegations", f.institution, HttpClientSupport.json(
                ConsentFixtures.delegation(otherDelegation, f.p2Id, otherProxyId)));
        final String otherProxy = gateway.token(UserRole.PROXY, ConsentFixtures.ORG, otherProxyId);

        final Reply wrongSubject = f.http.delete("/api/v1/consents/" + id + "?delegationId=" + otherDelegation, otherProxy);
        final Reply notTheirs = f.http.delete("/api/v1/consents/" + id + "?delegationId=" + f.delegationId, otherProxy);
        final Reply noDelegation = f.http.delete("/api/v1/consents/" + id, f.proxy);

        assertThat(wrongSubject.status()).isEqualTo(404);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(noDelegation.status()).isEqualTo(400);
        assertThat(noDelegation.json().path("errors").get(0).path("field").asText()).isEqualTo("delegationId");
        assertThat(f.consentOnLedger(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void institution_and_auditor_may_not_revoke_and_anonymous_callers_are_unauthenticated() throws Exception {
        final String id = f.grantedByP1(grant(newId("c")));

        assertThat(f.http.delete("/api/v1/consents/" + id, f.institution).status()).isEqualTo(403);
        assertThat(f.http.delete("/api/v1/consents/" + id, f.auditor).status()).isEqualTo(403);
        assertThat(f.http.delete("/api/v1/consents/" + id, null).status()).isEqualTo(401);
        assertThat(f.consentOnLedger(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void a_malformed_consent_id_is_a_400() throws Exception {
        final Reply reply = f.http.delete("/api/v1/consents/" + "x".repeat(200), f.p1);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("consentId");
    }

    @Test
    void a_patient_sees_only_their_own_consents_and_a_proxy_those_of_their_delegation() throws Exception {
        final String p1Consent = f.grantedByP1(grant(newId("c")));
        final String p2Consent = newId("c");
        f.grantAs(f.p2, grant(p2Consent));

        final Reply p1List = f.http.get("/api/v1/me/consents?pageSize=1000", f.p1);
        final Reply p2List = f.http.get("/api/v1/me/consents?pageSize=1000", f.p2);
        final Reply proxyList = f.http.get("/api/v1/me/consents?pageSize=1000&delegationId=" + f.delegationId, f.proxy);

        assertThat(p1List.json().path("items").findValuesAsText("consentId")).contains(p1Consent).doesNotContain(p2Consent);
        assertThat(p2List.json().path("items").findValuesAsText("consentId")).contains(p2Consent).doesNotContain(p1Consent);
        assertThat(proxyList.json().path("items").findValuesAsText("consentId")).contains(p1Consent).doesNotContain(p2Consent);
        assertThat(p1List.json().has("bookmark")).isTrue();
    }

    @Test
    void listing_pages_with_a_bookmark() throws Exception {
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, newId("mrn-pages"));
        for (int i = 0; i < 3; i++) {
            f.grantAs(patient, grant(newId("c")));
        }

        final Reply page1 = f.http.get("/api/v1/me/consents?pageSize=2", patient);
        final Reply page2 = f.http.get("/api/v1/me/consents?pageSize=2&bookmark="
                + java.net.URLEncoder.encode(page1.json().path("bookmark").asText(), java.nio.charset.StandardCharsets.UTF_8), patient);

        assertThat(page1.json().path("items")).hasSize(2);
        assertThat(page2.json().path("items")).hasSize(1);
        assertThat(page2.json().path("bookmark").asText()).isEmpty();
    }

    @Test
    void listing_rules_for_roles_and_parameters() throws Exception {
        assertThat(f.http.get("/api/v1/me/consents", f.institution).status()).isEqualTo(403);
        assertThat(f.http.get("/api/v1/me/consents", f.auditor).status()).isEqualTo(403);
        assertThat(f.http.get("/api/v1/me/consents", null).status()).isEqualTo(401);
        assertThat(f.http.get("/api/v1/me/consents", f.proxy).status()).isEqualTo(400);
        assertThat(f.http.get("/api/v1/me/consents?delegationId=" + f.delegationId, f.p1).status()).isEqualTo(400);
        assertThat(f.http.get("/api/v1/me/consents?delegationId=no-such-delegation", f.proxy).status()).isEqualTo(404);
        assertThat(f.http.get("/api/v1/me/consents?pageSize=0", f.p1).status()).isEqualTo(400);
    }

    @Test
    void an_unregistered_patient_lists_nothing_and_is_not_registered_by_reading() throws Exception {
        final String patientId = newId("mrn-reader");
        final String patient = gateway.token(UserRole.PATIENT, ConsentFixtures.ORG, patientId);

        final Reply reply = f.http.get("/api/v1/me/consents", patient);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("items")).isEmpty();
        assertThat(f.registered(patientId)).isEmpty();
    }

}
