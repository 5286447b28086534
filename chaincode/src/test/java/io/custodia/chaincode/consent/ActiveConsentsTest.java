package io.custodia.chaincode.consent;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.revocationBySubject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.chaincode.access.AccessDecision;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-subject active set that access decisions read instead of range-scanning every consent. */
class ActiveConsentsTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void holds_each_subjects_active_consents_in_id_order_and_only_those() {
        grant(consent("c-2", 1));
        grant(consent("c-1", 1));
        grant(consent("c-3", 2));
        grant(consent("c-4", 1));
        revoke("c-2");

        assertThat(activeSet(1)).containsExactly("c-1", "c-4");
        assertThat(activeSet(2)).containsExactly("c-3");
    }

    @Test
    void a_consent_whose_validity_ended_leaves_the_set_at_the_subjects_next_change() {
        final Map<String, Object> shortLived = consent("c-1", 1);
        shortLived.put("validUntil", "2026-01-01T00:01:00Z");
        grant(shortLived);
        grant(consent("c-2", 1));
        assertThat(activeSet(1)).containsExactly("c-1", "c-2");

        ledger.setTime(Instant.parse("2026-02-01T00:00:00Z"));
        grant(consent("c-3", 1));

        assertThat(activeSet(1)).containsExactly("c-2", "c-3");
        // Only the set forgets it: the consent itself is still on record, and still ACTIVE.
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "consents:GetConsent", "c-1").payload()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void a_subject_without_a_set_is_decided_from_its_listed_consents_until_its_next_change_writes_one() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 2);
        grant(consent("c-1", 1));
        grant(consent("c-2", 2));
        // A ledger written before the active set existed: the consents, none of the sets.
        ledger.removeKey(activeSetKey(1));
        ledger.removeKey(activeSetKey(2));

        assertThat(released("r-1")).containsExactlyInAnyOrder(Samples.subjectRef(1), Samples.subjectRef(2));

        revoke("c-1");
        grant(consent("c-3", 2));

        assertThat(activeSet(1)).isEmpty();
        assertThat(activeSet(2)).containsExactly("c-2", "c-3");
        assertThat(released("r-2")).containsExactly(Samples.subjectRef(2));
    }

    private void grant(final Map<String, Object> consent) {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent)));
    }

    private void revoke(final String consentId) {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", consentId, revocationBySubject()));
    }

    private List<String> released(final String requestId) {
        return expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest(requestId, "ds-1"))))
                .payloadAs(AccessDecision.class).releasedSubjects();
    }

    private static String activeSetKey(final int subject) {
        return StateKey.of(KeyType.ACTIVE_CONSENTS, Samples.subjectRef(subject)).encoded();
    }

    /** The consent IDs in the subject's stored set, in stored order. */
    private List<String> activeSet(final int subject) {
        final JsonNode set = ConsentSamples.tree(new String(ledger.rawState(activeSetKey(subject)), StandardCharsets.UTF_8));
        final List<String> ids = new ArrayList<>();
        set.path("consents").forEach(c -> ids.add(c.path("consent").path("consentId").asText()));
        assertThat(set.path("consents").isArray()).isTrue();
        return ids;
    }
}
