package io.custodia.chaincode.consent;

import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.delegation;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GrantConsentTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void records_a_subjects_consent_as_active_with_the_submitting_institution() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1)));

        assertThat(result.ok()).as(result.toString()).isTrue();
        ConsentRecord record = result.payloadAs(ConsentRecord.class);
        assertThat(record.status()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(record.recordedBy()).isEqualTo("Org1MSP");
        assertThat(record.grantedAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(record.txId()).isEqualTo(result.txId());
        assertThat(result.eventName()).isEqualTo("ConsentGranted");
        assertThat(result.eventPayload()).isEqualTo("{\"consentId\":\"c-1\",\"grantorKind\":\"SUBJECT\",\"recordedBy\":\"Org1MSP\","
                + "\"subjectRef\":\"" + Samples.subjectRef(1) + "\"}");
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "consents:GetConsent", "c-1").payload()).isEqualTo(result.payload());
    }

    @Test
    void stores_the_exact_canonical_record_under_the_consent_the_subject_index_and_the_active_set() {
        Map<String, Object> input = consent("c-1", 1);
        input.put("purposes", List.of(Map.of("code", "POA"), Map.of("code", "DS", "disease", "MONDO:0005148")));
        input.put("grantees", List.of("Org2MSP", "Org1MSP"));
        input.put("validUntil", "2027-01-01T00:00:00.000Z");

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        String expected = "{\"consent\":{\"consentId\":\"c-1\",\"documentHash\":\"" + Samples.hash("consent-document-c-1") + "\","
                + "\"grantees\":[\"Org1MSP\",\"Org2MSP\"],\"grantor\":{\"kind\":\"SUBJECT\"},"
                + "\"purposes\":[{\"code\":\"DS\",\"disease\":\"MONDO:0005148\"},{\"code\":\"POA\"}],"
                + "\"scope\":{\"institution\":\"Org1MSP\",\"kind\":\"INSTITUTION\"},"
                + "\"subjectRef\":\"" + Samples.subjectRef(1) + "\","
                + "\"validFrom\":\"2025-01-01T00:00:00Z\",\"validUntil\":\"2027-01-01T00:00:00Z\"},"
                + "\"grantedAt\":\"2026-01-01T00:00:00Z\",\"recordedBy\":\"Org1MSP\",\"status\":\"ACTIVE\","
                + "\"txId\":\"" + result.txId() + "\"}";
        assertThat(raw(StateKey.of(KeyType.CONSENT, "c-1"))).isEqualTo(expected);
        assertThat(raw(StateKey.of(KeyType.CONSENT_BY_SUBJECT, Samples.subjectRef(1), "c-1"))).isEqualTo(expected);
        assertThat(raw(StateKey.of(KeyType.ACTIVE_CONSENTS, Samples.subjectRef(1)))).isEqualTo("{\"consents\":[" + expected + "]}");
        assertThat(result.payload()).isEqualTo(expected);
    }

    @Test
    void records_a_consent_granted_by_a_proxy_under_an_active_delegation() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));
        Map<String, Object> input = consent("c-1", 1);
        input.put("grantor", proxy(7, "d-1"));

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.payloadAs(ConsentRecord.class).consent().grantor().proxyRef()).isEqualTo(ConsentSamples.proxyRef(7));
        assertThat(result.eventPayload()).contains("\"grantorKind\":\"PROXY\"");
    }

    @Test
    void records_a_consent_scoped_to_listed_datasets_that_exist() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 1);
        Map<String, Object> input = consent("c-1", 1);
        input.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of("ds-1")));

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.payloadAs(ConsentRecord.class).consent().scope().datasetIds()).containsExactly("ds-1");
    }

    @Test
    void refuses_a_dataset_scope_naming_a_dataset_that_does_not_exist() {
        Map<String, Object> input = consent("c-1", 1);
        input.put("scope", Map.of("kind", "DATASETS", "datasetIds", List.of("ds-missing")));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        assertThat(result.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_consent_id_that_is_already_taken() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 2)));

        assertThat(result.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    static List<Object[]> invalidConsents() {
        return List.of(
                new Object[] {"subjectRef", "MRN-0012345", "subjectRef: must be a pseudonymous subject reference"},
                new Object[] {"validUntil", "2025-01-01T00:00:00Z", "validUntil: must be after validFrom"},
                new Object[] {"validUntil", "2025-06-01T00:00:00Z", "validUntil: has already passed"},
                new Object[] {"validFrom", "yesterday", "validFrom: must be an ISO-8601"},
                new Object[] {"purposes", List.of(), "purposes: at least one DUO purpose"},
                new Object[] {"purposes", List.of(Map.of("code", "DS")), "purposes[0].disease: DS needs a disease"},
                new Object[] {"grantees", List.of(), "grantees: at least one grantee"},
                new Object[] {"grantees", List.of("Org2MSP", "Org2MSP"), "grantees[1]: duplicate entry"},
                new Object[] {"documentHash", "not-a-hash", "documentHash: must be a SHA-256 digest"},
                new Object[] {"grantor", Map.of("kind", "SUBJECT", "proxyRef", ConsentSamples.proxyRef(1)), "grantor.proxyRef: only a PROXY"},
                new Object[] {"grantor", Map.of("kind", "PROXY", "proxyRef", ConsentSamples.proxyRef(1)), "grantor.delegationId: is required"},
                new Object[] {"scope", Map.of("kind", "DATASETS", "datasetIds", List.of()), "scope.datasetIds: a DATASETS scope lists"},
                new Object[] {"scope", Map.of("kind", "INSTITUTION"), "scope.institution: is required"},
                new Object[] {"consentId", "has space", "consentId: must be an identifier"});
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidConsents")
    void rejects_malformed_consents_naming_the_field_and_writes_nothing(final String field, final Object value, final String message) {
        Map<String, Object> input = consent("c-1", 1);
        input.put(field, value);
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith(message);
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_proxy_without_any_delegation() {
        assertProxyGrantRefused(proxy(7, "d-none"));
    }

    @Test
    void refuses_a_proxy_whose_delegation_has_ended() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-1"));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_a_proxy_whose_delegation_has_expired() {
        Map<String, Object> d = delegation("d-1", 1, 7);
        d.put("validUntil", "2026-01-01T00:01:00Z");
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(d)));
        ledger.setTime(Instant.parse("2026-01-01T00:01:00Z"));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_a_proxy_whose_delegation_is_not_yet_valid() {
        Map<String, Object> d = delegation("d-1", 1, 7);
        d.put("validFrom", "2026-06-01T00:00:00Z");
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(d)));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_a_proxy_whose_delegation_allows_only_revoking() {
        Map<String, Object> d = delegation("d-1", 1, 7);
        d.put("scope", Map.of("grant", false, "revoke", true));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(d)));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_a_proxy_using_a_delegation_for_another_subject() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 2, 7))));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_a_proxy_using_another_proxys_delegation() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 8))));

        assertProxyGrantRefused(proxy(7, "d-1"));
    }

    @Test
    void refuses_callers_without_the_institution_role() {
        for (Identity caller : List.of(ChaincodeFixture.auditor(), ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            var before = ledger.snapshot();

            TxResult result = ledger.submit(caller, "consents:GrantConsent", json(consent("c-1", 1)));

            assertThat(result.errorCode()).as(caller.mspId()).isEqualTo("ROLE_FORBIDDEN");
            assertThat(ledger.snapshot()).isEqualTo(before);
        }
    }

    private void assertProxyGrantRefused(final Map<String, Object> grantor) {
        Map<String, Object> input = consent("c-1", 1);
        input.put("grantor", grantor);
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(input));

        assertThat(result.errorCode()).as(result.toString()).isEqualTo("DELEGATION_INVALID");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    private String raw(final StateKey key) {
        return new String(ledger.rawState(key.encoded()), StandardCharsets.UTF_8);
    }
}
