package io.custodia.chaincode.access;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.delegation;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same calls on two fresh ledgers give byte-identical write sets, events and responses. */
class ConsentAccessDeterminismTest {

    @Test
    void the_same_sequence_of_consent_access_and_erasure_calls_writes_identical_bytes() {
        List<String> first = run(new ChaincodeFixture());
        List<String> second = run(new ChaincodeFixture());

        assertThat(first).hasSize(9);
        assertThat(second).isEqualTo(first);
    }

    private static List<String> run(final ChaincodeFixture ledger) {
        Map<String, Object> byProxy = consent("c-2", 2);
        byProxy.put("grantor", proxy(7, "d-1"));
        byProxy.put("grantees", List.of("Org3MSP", "Org2MSP"));
        List<TxResult> results = List.of(
                ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), Samples.subjectsJson(3)),
                ledger.submit(ChaincodeFixture.org1(), "delegations:RegisterDelegation", json(delegation("d-1", 2, 7))),
                ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))),
                ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(byProxy)),
                ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-1", "ds-1"))),
                ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", "{\"by\":{\"kind\":\"SUBJECT\"}}"),
                ledger.submit(ChaincodeFixture.org1(), "delegations:EndDelegation", "d-1"),
                ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-2", "ds-1"))),
                ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(Map.of("receiptId", "e-1",
                        "subjectRef", Samples.subjectRef(1), "datasetIds", List.of("ds-1"),
                        "destroyedPointerSetHash", Samples.hash("pointers"), "consentIds", List.of("c-1")))));
        List<String> out = new ArrayList<>();
        for (TxResult result : results) {
            assertThat(result.ok()).as(result.toString()).isTrue();
            StringBuilder tx = new StringBuilder(result.payload()).append('|').append(result.eventName()).append('|').append(result.eventPayload());
            result.writes().forEach((k, v) -> tx.append('|').append(k).append('=').append(HexFormat.of().formatHex(v)));
            out.add(tx.toString());
        }
        return out;
    }
}
