package io.custodia.chaincode.consent;

import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListConsentsBySubjectTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void pages_through_one_subjects_consents_in_id_order() {
        for (String id : List.of("c-3", "c-1", "c-2")) {
            expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent(id, 1))));
        }
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-other", 2))));

        JsonNode first = tree(ledger.evaluate(ChaincodeFixture.org2(), "consents:ListConsentsBySubject", Samples.subjectRef(1), "2", "").payload());
        JsonNode second = tree(ledger.evaluate(ChaincodeFixture.auditor(), "consents:ListConsentsBySubject", Samples.subjectRef(1), "2",
                first.get("bookmark").asText()).payload());

        assertThat(ids(first)).containsExactly("c-1", "c-2");
        assertThat(ids(second)).containsExactly("c-3");
        assertThat(second.get("bookmark").asText()).isEmpty();
    }

    @Test
    void refuses_a_bookmark_outside_the_subjects_range() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-2", 2))));

        for (String bookmark : List.of("CONSENT_BY_SUBJECT\u0001", "A", "\u0000", "zzzz", "CONSENT\u0001c-1")) {
            TxResult result = ledger.evaluate(ChaincodeFixture.org1(), "consents:ListConsentsBySubject", Samples.subjectRef(2), "1000", bookmark);

            assertThat(result.errorCode()).as(result.toString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(result.message()).isEqualTo("bookmark: does not belong to this query");
        }
    }

    @Test
    void shows_revoked_consents_with_their_status() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", "{\"by\":{\"kind\":\"SUBJECT\"}}"));

        JsonNode page = tree(ledger.evaluate(ChaincodeFixture.org1(), "consents:ListConsentsBySubject", Samples.subjectRef(1), "10", "").payload());

        assertThat(page.get("items").get(0).get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void rejects_bad_arguments_and_callers_without_a_role() {
        TxResult rawId = ledger.evaluate(ChaincodeFixture.org1(), "consents:ListConsentsBySubject", "MRN-1", "10", "");
        TxResult badSize = ledger.evaluate(ChaincodeFixture.org1(), "consents:ListConsentsBySubject", Samples.subjectRef(1), "0", "");
        TxResult noRole = ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "consents:ListConsentsBySubject", Samples.subjectRef(1), "10", "");

        assertThat(rawId.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badSize.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(noRole.errorCode()).isEqualTo("ROLE_FORBIDDEN");
    }

    @Test
    void get_consent_answers_not_found_for_an_unknown_id() {
        TxResult result = ledger.evaluate(ChaincodeFixture.org2(), "consents:GetConsent", "c-missing");

        assertThat(result.errorCode()).isEqualTo("NOT_FOUND");
    }

    private static List<String> ids(final JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("consent").get("consentId").asText()));
        return out;
    }
}
