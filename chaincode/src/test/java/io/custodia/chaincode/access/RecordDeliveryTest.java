package io.custodia.chaincode.access;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.SetRoots;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordDeliveryTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();
    private AccessDecision permit;

    @BeforeEach
    void permitForOrg2() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 3);
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-2", 2))));
        permit = expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-1", "ds-1"))))
                .payloadAs(AccessDecision.class);
    }

    @Test
    void the_owner_records_one_receipt_and_pins_its_bytes() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot())));

        assertThat(result.ok()).as(result.toString()).isTrue();
        String expected = "{\"datasetId\":\"ds-1\",\"datasetOwner\":\"Org1MSP\",\"deliveredAt\":\"2026-01-01T00:00:04Z\","
                + "\"delivery\":{\"deliveredSubjectsRoot\":\"" + permit.event().releasedSubjectsRoot() + "\",\"eventId\":\"r-1\","
                + "\"recipient\":\"Org2MSP\",\"subjectsDelivered\":2},\"subjectsReleased\":2,\"txId\":\"" + result.txId() + "\"}";
        assertThat(result.payload()).isEqualTo(expected);
        assertThat(new String(ledger.rawState(StateKey.of(KeyType.DELIVERY, "r-1").encoded()), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(result.eventName()).isEqualTo("DeliveryRecorded");
        assertThat(result.writes()).hasSize(1);
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "access:GetDelivery", "r-1").payload()).isEqualTo(expected);
        assertThat(ledger.evaluate(ChaincodeFixture.org2(), "access:GetDelivery", "r-1").payload()).isEqualTo(expected);
    }

    @Test
    void a_repeat_writes_nothing_and_returns_the_first_receipt() {
        String first = expectOk(ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 1, Samples.hash("one"))))).payload();

        TxResult repeat = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot())));

        assertThat(repeat.ok()).as(repeat.toString()).isTrue();
        assertThat(repeat.payload()).isEqualTo(first);
        assertThat(repeat.writes()).isEmpty();
    }

    @Test
    void only_the_dataset_owner_may_record_and_strangers_do_not_learn_the_event_exists() {
        TxResult byRequester = ledger.submit(ChaincodeFixture.org2(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot())));
        TxResult byStranger = ledger.submit(ChaincodeFixture.identity("Org3MSP", "gw", "institution"), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot())));
        TxResult byAuditor = ledger.submit(ChaincodeFixture.auditor(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot())));

        assertThat(byRequester.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(byStranger.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(byAuditor.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(byRequester.writes()).isEmpty();
    }

    @Test
    void refuses_a_deny_another_recipient_more_than_released_and_a_full_delivery_with_another_root() {
        expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(denied("r-deny"))));

        TxResult deny = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-deny", "Org2MSP", 0, Samples.hash("none"))));
        TxResult otherRecipient = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org3MSP", 1, Samples.hash("x"))));
        TxResult tooMany = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 3, Samples.hash("x"))));
        TxResult wrongRoot = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, Samples.hash("x"))));
        TxResult missing = ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-none", "Org2MSP", 1, Samples.hash("x"))));

        assertThat(deny.errorCode()).isEqualTo("STATE_CONFLICT");
        assertThat(otherRecipient.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(otherRecipient.message()).startsWith("recipient");
        assertThat(tooMany.message()).startsWith("subjectsDelivered");
        assertThat(wrongRoot.message()).startsWith("deliveredSubjectsRoot");
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.rawState(StateKey.of(KeyType.DELIVERY, "r-1").encoded())).isNull();
    }

    @Test
    void lists_the_permits_never_delivered_and_drops_one_once_delivered() {
        expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-2", "ds-1"))));
        expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(denied("r-deny"))));

        List<String> before = eventIds(ledger.evaluate(ChaincodeFixture.auditor(), "access:ListUndeliveredPermits", "ds-1", "", "", "100", "").payload());
        expectOk(ledger.submit(ChaincodeFixture.org1(), "access:RecordDelivery",
                json(delivery("r-1", "Org2MSP", 2, permit.event().releasedSubjectsRoot()))));
        List<String> after = eventIds(ledger.evaluate(ChaincodeFixture.org1(), "access:ListUndeliveredPermits", "ds-1", "", "", "100", "").payload());
        TxResult byRequester = ledger.evaluate(ChaincodeFixture.org2(), "access:ListUndeliveredPermits", "ds-1", "", "", "100", "");

        assertThat(before).containsExactly("r-1", "r-2");
        assertThat(after).containsExactly("r-2");
        assertThat(byRequester.errorCode()).isEqualTo("NOT_OWNER");
    }

    @Test
    void get_delivery_is_not_found_before_any_receipt() {
        TxResult none = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetDelivery", "r-1");

        assertThat(none.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(SetRoots.rootOfStringSet(permit.releasedSubjects())).isEqualTo(permit.event().releasedSubjectsRoot());
    }

    private static Map<String, Object> delivery(final String eventId, final String recipient, final long count, final String root) {
        return Map.of("eventId", eventId, "recipient", recipient, "subjectsDelivered", count, "deliveredSubjectsRoot", root);
    }

    private static Map<String, Object> denied(final String requestId) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(accessRequest(requestId, "ds-1"));
        request.put("forProfit", true);
        return request;
    }

    private static List<String> eventIds(final String pageJson) {
        JsonNode page = tree(pageJson);
        List<String> out = new java.util.ArrayList<>();
        page.get("items").forEach(e -> out.add(e.get("eventId").asText()));
        return out;
    }
}
