package io.custodia.chaincode.consent;

import static io.custodia.chaincode.testing.ConsentSamples.delegation;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelegationContractTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void registers_a_delegation_and_pins_its_stored_bytes() {
        Map<String, Object> input = delegation("d-1", 1, 7);
        input.put("kind", "LEGAL_REPRESENTATIVE");
        input.put("validUntil", "2030-01-01T00:00:00Z");

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(input));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(raw("d-1")).isEqualTo("{\"delegation\":{\"delegationId\":\"d-1\","
                + "\"documentHash\":\"" + Samples.hash("delegation-document-d-1") + "\",\"kind\":\"LEGAL_REPRESENTATIVE\","
                + "\"proxyRef\":\"" + ConsentSamples.proxyRef(7) + "\",\"scope\":{\"grant\":true,\"revoke\":true},"
                + "\"subjectRef\":\"" + Samples.subjectRef(1) + "\",\"validFrom\":\"2025-01-01T00:00:00Z\","
                + "\"validUntil\":\"2030-01-01T00:00:00Z\"},\"recordedBy\":\"Org1MSP\","
                + "\"registeredAt\":\"2026-01-01T00:00:00Z\",\"status\":\"ACTIVE\",\"txId\":\"" + result.txId() + "\"}");
        assertThat(result.eventName()).isEqualTo("DelegationRegistered");
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "delegations:GetDelegation", "d-1").payload()).isEqualTo(result.payload());
    }

    @Test
    void ends_an_active_delegation_once() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));

        TxResult ended = ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-1");
        TxResult again = ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-1");

        assertThat(ended.ok()).as(ended.toString()).isTrue();
        assertThat(ended.eventName()).isEqualTo("DelegationEnded");
        assertThat(raw("d-1")).contains("\"ending\":{\"endedAt\":\"2026-01-01T00:00:01Z\",\"txId\":\"" + ended.txId() + "\"}")
                .contains("\"status\":\"ENDED\"");
        assertThat(again.errorCode()).isEqualTo("STATE_CONFLICT");
    }

    @Test
    void only_the_registering_institution_may_end_a_delegation() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "delegations:EndDelegation", "d-1");

        assertThat(result.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void answers_not_found_for_unknown_delegations() {
        TxResult end = ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-missing");
        TxResult get = ledger.evaluate(ChaincodeFixture.org1(), "delegations:GetDelegation", "d-missing");

        assertThat(end.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(get.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void refuses_a_delegation_id_that_is_already_taken() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 2, 8)));

        assertThat(result.errorCode()).isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void rejects_malformed_delegations_and_writes_nothing() {
        Map<String, Object> self = delegation("d-1", 1, 7);
        self.put("proxyRef", Samples.subjectRef(1));
        Map<String, Object> nothingAllowed = delegation("d-1", 1, 7);
        nothingAllowed.put("scope", Map.of("grant", false, "revoke", false));
        Map<String, Object> rawProxy = delegation("d-1", 1, 7);
        rawProxy.put("proxyRef", "Jane Doe");
        Map<String, Object> expired = delegation("d-1", 1, 7);
        expired.put("validUntil", "2025-12-31T00:00:00Z");
        Map<String, Object> noKind = delegation("d-1", 1, 7);
        noKind.remove("kind");
        var before = ledger.snapshot();

        List<TxResult> results = List.of(self, nothingAllowed, rawProxy, expired, noKind).stream()
                .map(d -> ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(d)))
                .collect(java.util.stream.Collectors.toList());

        assertThat(results).extracting(TxResult::errorCode).containsOnly("INVALID_ARGUMENT");
        assertThat(results).extracting(r -> r.message().split(":")[0])
                .containsExactly("proxyRef", "scope.grant", "proxyRef", "validUntil", "kind");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_callers_without_the_institution_role() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 1, 7))));
        for (Identity caller : List.of(ChaincodeFixture.auditor(), ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            TxResult register = ledger.submit(caller, "delegations:RegisterDelegation", json(delegation("d-2", 1, 7)));
            TxResult end = ledger.submit(caller, "delegations:EndDelegation", "d-1");

            assertThat(register.errorCode()).isEqualTo("ROLE_FORBIDDEN");
            assertThat(end.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        }
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "delegations:GetDelegation", "d-1").errorCode()).isEqualTo("ROLE_FORBIDDEN");
    }

    private String raw(final String delegationId) {
        return new String(ledger.rawState(StateKey.of(KeyType.DELEGATION, delegationId).encoded()), StandardCharsets.UTF_8);
    }
}
