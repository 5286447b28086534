package io.custodia.chaincode.access;

import static io.custodia.chaincode.testing.ConsentSamples.accessRequest;
import static io.custodia.chaincode.testing.ConsentSamples.consent;
import static io.custodia.chaincode.testing.ConsentSamples.expectOk;
import static io.custodia.chaincode.testing.ConsentSamples.json;
import static io.custodia.chaincode.testing.ConsentSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.ConsentSamples;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.StateKey;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Five requests by Org2MSP for ds-1 (owned by Org1MSP) at 10:00, 10:01, ... 10:04; subject 1 consents, subject 2 does not. */
class AccessTrailTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void fiveRequests() {
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org1(), "ds-1", 2);
        ConsentSamples.registerDataset(ledger, ChaincodeFixture.org2(), "ds-2", 0);
        expectOk(ledger.submit(ChaincodeFixture.org1(), "consents:GrantConsent", json(consent("c-1", 1))));
        for (int i = 0; i < 5; i++) {
            ledger.setTime(Instant.parse("2026-03-01T10:0" + i + ":00Z"));
            // IDs deliberately not in time order, so order must come from the time attribute of the key.
            expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-" + (9 - i), "ds-1"))));
        }
        ledger.setTime(Instant.parse("2026-03-01T11:00:00Z"));
        expectOk(ledger.submit(ChaincodeFixture.org2(), "access:RequestAccess", json(accessRequest("r-other", "ds-2"))));
    }

    @Test
    void returns_a_datasets_events_in_time_order_within_a_half_open_range() {
        TxResult result = ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByDataset", "ds-1",
                "2026-03-01T10:01:00Z", "2026-03-01T10:03:00Z", "100", "");

        assertThat(ids(tree(result.payload()))).containsExactly("r-8", "r-7");
    }

    @Test
    void treats_empty_bounds_as_unbounded() {
        JsonNode all = tree(ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "", "", "100", "").payload());
        JsonNode from = tree(ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "2026-03-01T10:03:00Z", "", "100", "").payload());
        JsonNode to = tree(ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "", "2026-03-01T10:01:00Z", "100", "").payload());

        assertThat(ids(all)).containsExactly("r-9", "r-8", "r-7", "r-6", "r-5");
        assertThat(ids(from)).containsExactly("r-6", "r-5");
        assertThat(ids(to)).containsExactly("r-9");
    }

    @Test
    void pages_through_a_trail_with_bookmarks() {
        List<String> seen = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            JsonNode page = tree(ledger.evaluate(ChaincodeFixture.org2(), "access:GetAccessTrailByRequester", "Org2MSP", "", "", "2", bookmark).payload());
            seen.addAll(ids(page));
            bookmark = page.get("bookmark").asText();
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactly("r-9", "r-8", "r-7", "r-6", "r-5", "r-other");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void refuses_a_bookmark_of_another_range_or_outside_the_time_range() {
        String otherRequester = StateKey.of(KeyType.ACCESS_BY_REQUESTER, "Org1MSP").rangeStart();
        String otherDataset = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-2").rangeStart();
        String beforeFrom = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", StateKey.fixedWidth(0)).encoded();

        List<TxResult> refused = List.of(
                ledger.evaluate(ChaincodeFixture.org2(), "access:GetAccessTrailByRequester", "Org2MSP", "", "", "100", "A"),
                ledger.evaluate(ChaincodeFixture.org2(), "access:GetAccessTrailByRequester", "Org2MSP", "", "", "100", otherRequester),
                ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByDataset", "ds-1", "", "", "100", "ACCESS_BY_DATASET\u0001"),
                ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByDataset", "ds-1", "", "", "100", otherDataset),
                ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByDataset", "ds-1",
                        "2026-03-01T10:01:00Z", "2026-03-01T10:03:00Z", "100", beforeFrom));

        for (TxResult result : refused) {
            assertThat(result.errorCode()).as(result.toString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(result.message()).isEqualTo("bookmark: does not belong to this query");
        }
    }

    @Test
    void lets_only_auditors_and_the_party_concerned_read_dataset_and_requester_trails() {
        TxResult foreignDataset = ledger.evaluate(ChaincodeFixture.org2(), "access:GetAccessTrailByDataset", "ds-1", "", "", "10", "");
        TxResult foreignRequester = ledger.evaluate(ChaincodeFixture.org1(), "access:GetAccessTrailByRequester", "Org2MSP", "", "", "10", "");
        TxResult auditorRequester = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByRequester", "Org2MSP", "", "", "10", "");
        TxResult missingDataset = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-missing", "", "", "10", "");

        assertThat(foreignDataset.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(foreignRequester.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(auditorRequester.ok()).isTrue();
        assertThat(missingDataset.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void refuses_callers_without_a_role_on_every_trail() {
        for (Identity caller : List.of(ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole())) {
            assertThat(ledger.evaluate(caller, "access:GetAccessTrailByDataset", "ds-1", "", "", "10", "").errorCode()).isEqualTo("ROLE_FORBIDDEN");
            assertThat(ledger.evaluate(caller, "access:GetAccessTrailByRequester", "Org1MSP", "", "", "10", "").errorCode()).isEqualTo("ROLE_FORBIDDEN");
        }
    }

    @Test
    void rejects_malformed_bounds_and_page_sizes() {
        TxResult badFrom = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "last week", "", "10", "");
        TxResult reversed = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1",
                "2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z", "10", "");
        TxResult beforeEpoch = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "1969-12-31T00:00:00Z", "", "10", "");
        TxResult tooBig = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "", "", "1001", "");

        assertThat(List.of(badFrom, reversed, beforeEpoch, tooBig)).extracting(TxResult::errorCode).containsOnly("INVALID_ARGUMENT");
        assertThat(List.of(badFrom, reversed, beforeEpoch, tooBig)).extracting(r -> r.message().split(":")[0])
                .containsExactly("from", "to", "from", "pageSize");
    }

    @Test
    void keeps_the_event_in_dataset_and_requester_entries_and_still_reads_entries_that_point_at_it() {
        String ts = StateKey.fixedWidth(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        String event = StateKey.of(KeyType.ACCESS_EVENT, "r-9").encoded();
        String byDataset = StateKey.of(KeyType.ACCESS_BY_DATASET, "ds-1", ts, "r-9").encoded();
        String byRequester = StateKey.of(KeyType.ACCESS_BY_REQUESTER, "Org2MSP", ts, "r-9").encoded();
        String covered = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "", "", "100", "").payload();

        // Entries written before trails became covering indexes hold only the event ID.
        ledger.tamper(byDataset, "r-9".getBytes(StandardCharsets.UTF_8));
        String pointed = ledger.evaluate(ChaincodeFixture.auditor(), "access:GetAccessTrailByDataset", "ds-1", "", "", "100", "").payload();

        assertThat(ledger.rawState(byRequester)).isEqualTo(ledger.rawState(event));
        assertThat(ids(tree(covered))).containsExactly("r-9", "r-8", "r-7", "r-6", "r-5");
        assertThat(pointed).isEqualTo(covered);
    }

    private static List<String> ids(final JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("eventId").asText()));
        return out;
    }
}
