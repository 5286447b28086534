package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetDatasetSubjectsTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void register() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), Samples.subjectsJson(5));
    }

    @Test
    void the_owner_pages_through_the_sorted_pseudonyms() {
        List<String> seen = new ArrayList<>();
        String bookmark = "";

        do {
            TxResult page = ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDatasetSubjects", "ds-1", "2", bookmark);
            assertThat(page.ok()).as(page.toString()).isTrue();
            Map<?, ?> body = page.payloadAs(Map.class);
            ((List<?>) body.get("items")).forEach(s -> seen.add((String) s));
            bookmark = (String) body.get("bookmark");
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 5).mapToObj(Samples::subjectRef).sorted().collect(Collectors.toList()));
    }

    @Test
    void an_auditor_reads_them_too() {
        TxResult result = ledger.evaluate(ChaincodeFixture.auditor(), "datasets:GetDatasetSubjects", "ds-1", "10", "");

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat((List<?>) result.payloadAs(Map.class).get("items")).hasSize(5);
    }

    @Test
    void another_institution_is_refused() {
        TxResult result = ledger.evaluate(ChaincodeFixture.org2(), "datasets:GetDatasetSubjects", "ds-1", "10", "");

        assertThat(result.errorCode()).isEqualTo("NOT_OWNER");
    }

    @Test
    void callers_without_role_unknown_datasets_and_foreign_bookmarks_are_refused() {
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithUnknownRole(), "datasets:GetDatasetSubjects", "ds-1", "10", "").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDatasetSubjects", "ds-9", "10", "").errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDatasetSubjects", "ds-1", "10", "DATASET\u0001ds-1").message())
                .startsWith("bookmark:");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDatasetSubjects", "ds-1", "ten", "").message())
                .startsWith("pageSize:");
    }
}
