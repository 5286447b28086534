package io.custodia.chaincode.erasure;

import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.revocationBySubject;
import static io.custodia.chaincode.testing.ConsentSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordErasureTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void revokedConsent() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-b", 1);
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-a", 1);
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:RevokeConsent", "c-1", revocationBySubject()));
    }

    @Test
    void records_a_receipt_with_sorted_datasets_and_pins_its_bytes() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-1")));

        assertThat(result.ok()).as(result.toString()).isTrue();
        String expected = "{\"erasedAt\":\"2026-01-01T00:00:04Z\",\"erasure\":{\"consentIds\":[\"c-1\"],\"datasetIds\":[\"ds-a\",\"ds-b\"],"
                + "\"destroyedPointerSetHash\":\"" + Samples.hash("pointers") + "\",\"receiptId\":\"e-1\","
                + "\"subjectRef\":\"" + Samples.subjectRef(1) + "\"},\"recordedBy\":\"Org1MSP\",\"txId\":\"" + result.txId() + "\"}";
        assertThat(new String(ledger.rawState(StateKey.of(KeyType.ERASURE, "e-1").encoded()), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(result.eventName()).isEqualTo("ErasureRecorded");
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "erasures:GetErasureReceipt", "e-1").payload()).isEqualTo(expected);
    }

    @Test
    void lists_a_subjects_receipts_page_by_page() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-2"))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-1"))));

        var first = tree(ledger.evaluate(ChaincodeFixture.org2(), "erasures:ListErasuresBySubject", Samples.subjectRef(1), "1", "").payload());
        var second = tree(ledger.evaluate(ChaincodeFixture.auditor(), "erasures:ListErasuresBySubject", Samples.subjectRef(1), "1",
                first.get("bookmark").asText()).payload());

        assertThat(first.get("items").get(0).get("erasure").get("receiptId").asText()).isEqualTo("e-1");
        assertThat(second.get("items").get(0).get("erasure").get("receiptId").asText()).isEqualTo("e-2");
    }

    @Test
    void refuses_a_bookmark_outside_the_subjects_receipts() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-1"))));

        for (String bookmark : List.of("ERASURE_BY_SUBJECT\u0001", "ERASURE\u0001e-1", "A", "zzzz")) {
            TxResult result = ledger.evaluate(ChaincodeFixture.auditor(), "erasures:ListErasuresBySubject", Samples.subjectRef(2), "1000", bookmark);

            assertThat(result.errorCode()).as(result.toString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(result.message()).isEqualTo("bookmark: does not belong to this query");
        }
    }

    @Test
    void allows_a_receipt_without_datasets_or_consents() {
        Map<String, Object> input = receipt("e-1");
        input.put("datasetIds", List.of());
        input.remove("consentIds");

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(input));

        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    @Test
    void refuses_unknown_datasets_and_consents_active_or_of_another_subject() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-active", 1))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-2", 2))));
        Map<String, Object> unknownDataset = receipt("e-1");
        unknownDataset.put("datasetIds", List.of("ds-missing"));
        Map<String, Object> unknownConsent = receipt("e-1");
        unknownConsent.put("consentIds", List.of("c-missing"));
        Map<String, Object> active = receipt("e-1");
        active.put("consentIds", List.of("c-active"));
        Map<String, Object> otherSubject = receipt("e-1");
        otherSubject.put("consentIds", List.of("c-2"));
        var before = ledger.snapshot();

        List<String> codes = List.of(unknownDataset, unknownConsent, active, otherSubject).stream()
                .map(r -> ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(r)).errorCode())
                .collect(java.util.stream.Collectors.toList());

        assertThat(codes).containsExactly("NOT_FOUND", "NOT_FOUND", "STATE_CONFLICT", "INVALID_ARGUMENT");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_receipt_id_that_is_already_taken_and_malformed_receipts() {
        expectOk(ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-1"))));
        Map<String, Object> rawSubject = receipt("e-2");
        rawSubject.put("subjectRef", "MRN-0012345");
        Map<String, Object> duplicateDataset = receipt("e-2");
        duplicateDataset.put("datasetIds", List.of("ds-a", "ds-a"));
        Map<String, Object> noHash = receipt("e-2");
        noHash.remove("destroyedPointerSetHash");

        TxResult replay = ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(receipt("e-1")));
        List<TxResult> malformed = List.of(rawSubject, duplicateDataset, noHash).stream()
                .map(r -> ledger.submit(ChaincodeFixture.org1(), "erasures:RecordErasure", json(r)))
                .collect(java.util.stream.Collectors.toList());

        assertThat(replay.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(malformed).extracting(TxResult::errorCode).containsOnly("INVALID_ARGUMENT");
        assertThat(malformed).extracting(r -> r.message().split(":")[0]).containsExactly("subjectRef", "datasetIds[1]", "destroyedPointerSetHash");
    }

    @Test
    void refuses_callers_without_the_institution_role_and_unknown_receipts() {
        for (Identity caller : List.of(ChaincodeFixture.auditor(), ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            assertThat(ledger.submit(caller, "erasures:RecordErasure", json(receipt("e-1"))).errorCode()).isEqualTo("ROLE_FORBIDDEN");
        }
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "erasures:ListErasuresBySubject", Samples.subjectRef(1), "10", "").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "erasures:GetErasureReceipt", "e-missing").errorCode()).isEqualTo("NOT_FOUND");
    }

    private static Map<String, Object> receipt(final String receiptId) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("receiptId", receiptId);
        receipt.put("subjectRef", Samples.subjectRef(1));
        receipt.put("datasetIds", List.of("ds-b", "ds-a"));
        receipt.put("destroyedPointerSetHash", Samples.hash("pointers"));
        receipt.put("consentIds", List.of("c-1"));
        return receipt;
    }
}
