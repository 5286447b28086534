package io.custodia.gateway.audit;

import static io.custodia.gateway.access.AccessScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/audit/erasures?subjectRef=} and {@code /{receiptId}}. */
class ErasureAuditTest {
    private static final String OWNER = "Org1MSP";
    private static final String PATH = "/api/v1/audit/erasures";

    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static AccessScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        scenario = new AccessScenario(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Erased(String subjectRef, String receiptId) {}

    private static Erased erased() throws Exception {
        final String datasetId = unique("ds");
        final String subjectRef = scenario.patients(OWNER, 1).get(0);
        scenario.registerDataset(OWNER, datasetId, List.of(subjectRef));
        final String consentId = scenario.consent(OWNER, subjectRef, "Org2MSP");
        scenario.revoke(OWNER, consentId);
        return new Erased(subjectRef, scenario.recordErasure(OWNER, subjectRef, datasetId, consentId));
    }

    private static String auditor() {
        return gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo-1");
    }

    @Test
    void auditors_list_a_subjects_receipts_and_read_each() throws Exception {
        final Erased erased = erased();

        final Reply list = http.get(PATH + "?subjectRef=" + erased.subjectRef(), auditor());
        final Reply one = http.get(PATH + "/" + erased.receiptId(), auditor());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).singleElement()
                .satisfies(r -> assertThat(r.path("erasure").path("receiptId").asText()).isEqualTo(erased.receiptId()));
        assertThat(list.json().path("bookmark").asText()).isEmpty();
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("recordedBy").asText()).isEqualTo(OWNER);
        assertThat(one.json().path("erasure").path("subjectRef").asText()).isEqualTo(erased.subjectRef());
        // Where the ledger holds the receipt's transaction, in the list and the single answer alike.
        final JsonNode tx = http.get("/api/v1/transactions/" + one.json().path("txId").asText(), auditor()).json();
        assertThat(one.json().path("block").asLong()).isEqualTo(tx.path("block").asLong()).isPositive();
        assertThat(one.json().path("position").asInt()).isEqualTo(tx.path("position").asInt());
        assertThat(list.json().path("items").get(0).path("block")).isEqualTo(one.json().path("block"));
    }

    @Test
    void institutions_read_only_receipts_they_recorded_and_cannot_list_by_subject() throws Exception {
        final Erased erased = erased();

        final Reply byRecorder = http.get(PATH + "/" + erased.receiptId(), gateway.token(UserRole.INSTITUTION, OWNER, "staff"));
        final Reply byOther = http.get(PATH + "/" + erased.receiptId(), gateway.token(UserRole.INSTITUTION, "Org2MSP", "staff"));
        final Reply missing = http.get(PATH + "/" + unique("erasure"), gateway.token(UserRole.INSTITUTION, OWNER, "staff"));
        final Reply list = http.get(PATH + "?subjectRef=" + erased.subjectRef(), gateway.token(UserRole.INSTITUTION, OWNER, "staff"));

        assertThat(byRecorder.status()).isEqualTo(200);
        assertThat(byOther.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(byOther.json().path("type")).isEqualTo(missing.json().path("type"));
        assertThat(list.status()).isEqualTo(403);
    }

    @Test
    void patients_and_anonymous_callers_are_refused_and_bad_input_is_400() throws Exception {
        final Erased erased = erased();

        final int patient = http.get(PATH + "/" + erased.receiptId(), gateway.token(UserRole.PATIENT, OWNER, "mrn-1")).status();
        final int proxy = http.get(PATH + "?subjectRef=" + erased.subjectRef(), gateway.token(UserRole.PROXY, OWNER, "g-1")).status();
        final int anonymous = http.get(PATH + "?subjectRef=" + erased.subjectRef(), null).status();
        final Reply noSubject = http.get(PATH, auditor());
        final Reply badSubject = http.get(PATH + "?subjectRef=xyz", auditor());

        assertThat(List.of(patient, proxy, anonymous)).containsExactly(403, 403, 401);
        assertThat(noSubject.status()).isEqualTo(400);
        assertThat(noSubject.json().path("errors").get(0).path("field").asText()).isEqualTo("subjectRef");
        assertThat(badSubject.status()).isEqualTo(400);
    }

    @Test
    void a_subject_without_receipts_has_an_empty_list() throws Exception {
        final String subjectRef = scenario.patients(OWNER, 1).get(0);

        final Reply list = http.get(PATH + "?subjectRef=" + subjectRef, auditor());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).isEmpty();
    }
}
