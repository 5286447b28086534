package io.custodia.chaincode.consent;

import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.delegation;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.proxy;
import static io.custodia.chaincode.testing.ConsentSamples.revocationBySubject;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeConsentTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();
    private TxResult granted;

    @BeforeEach
    void grant() {
        granted = expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
    }

    @Test
    void revokes_an_active_consent_with_time_and_transaction() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject());

        assertThat(result.ok()).as(result.toString()).isTrue();
        ConsentRecord record = result.payloadAs(ConsentRecord.class);
        assertThat(record.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(record.revocation().revokedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(record.revocation().txId()).isEqualTo(result.txId());
        assertThat(result.eventName()).isEqualTo("ConsentRevoked");
        assertThat(result.eventPayload()).isEqualTo("{\"consentId\":\"c-1\",\"revokedAt\":\"2026-01-01T00:00:01Z\","
                + "\"subjectRef\":\"" + Samples.subjectRef(1) + "\"}");
    }

    @Test
    void stores_the_exact_revoked_record_under_both_keys_and_empties_the_active_set() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject());

        String expected = granted.payload().replace(",\"status\":\"ACTIVE\"", ",\"revocation\":{\"by\":{\"kind\":\"SUBJECT\"},"
                        + "\"recordedBy\":\"Org1MSP\",\"revokedAt\":\"2026-01-01T00:00:01Z\",\"txId\":\"" + result.txId() + "\"},"
                        + "\"status\":\"REVOKED\"");
        assertThat(expected).contains("\"status\":\"REVOKED\"");
        assertThat(raw(StateKey.of(KeyType.CONSENT, "c-1"))).isEqualTo(expected);
        assertThat(raw(StateKey.of(KeyType.CONSENT_BY_SUBJECT, Samples.subjectRef(1), "c-1"))).isEqualTo(expected);
        // Out of the subject's active set, which stays as an empty list rather than a deleted key.
        assertThat(raw(StateKey.of(KeyType.ACTIVE_CONSENTS, Samples.subjectRef(1)))).isEqualTo("{\"consents\":[]}");
    }

    @Test
    void refuses_to_revoke_a_consent_twice() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject()));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject());

        assertThat(result.errorCode()).isEqualTo("STATE_CONFLICT");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_consent_that_does_not_exist() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-missing", revocationBySubject());

        assertThat(result.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void refuses_an_institution_that_did_not_record_the_consent() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "consents:RevokeConsent", "c-1", revocationBySubject());

        assertThat(result.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void lets_a_proxy_revoke_under_a_delegation_allowing_revocation() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1",
                json(Map.of("by", proxy(7, "d-1"))));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.payloadAs(ConsentRecord.class).revocation().by().delegationId()).isEqualTo("d-1");
    }

    @Test
    void refuses_a_proxy_whose_delegation_allows_only_granting() {
        Map<String, Object> d = delegation("d-1", 1, 7);
        d.put("scope", Map.of("grant", true, "revoke", false));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(d)));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1",
                json(Map.of("by", proxy(7, "d-1"))));

        assertThat(result.errorCode()).isEqualTo("DELEGATION_INVALID");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_proxy_whose_delegation_has_ended() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-1"));

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1",
                json(Map.of("by", proxy(7, "d-1"))));

        assertThat(result.errorCode()).isEqualTo("DELEGATION_INVALID");
    }

    @Test
    void rejects_malformed_revocations() {
        TxResult noBy = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", "{}");
        TxResult badId = ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c 1", revocationBySubject());

        assertThat(noBy.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(noBy.message()).startsWith("by: is required");
        assertThat(badId.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badId.message()).startsWith("consentId:");
    }

    @Test
    void refuses_callers_without_the_institution_role() {
        for (Identity caller : List.of(ChaincodeFixture.auditor(), ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            TxResult result = ledger.submit(caller, "consents:RevokeConsent", "c-1", revocationBySubject());

            assertThat(result.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        }
    }

    private String raw(final StateKey key) {
        return new String(ledger.rawState(key.encoded()), StandardCharsets.UTF_8);
    }
}
