package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.TxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListDatasetsTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void register_a_mixed_catalogue() {
        register(ChaincodeFixture.org1(), "a-ct", "DICOM", "clinical-context:icu", "intent:diagnostic");
        register(ChaincodeFixture.org1(), "b-mr", "NIFTI", "clinical-context:icu");
        register(ChaincodeFixture.org2(), "c-ct", "DICOM", "clinical-context:oncology");
        register(ChaincodeFixture.org2(), "d-ecg", "EDF", "clinical-context:icu");
        register(ChaincodeFixture.org1(), "e-ct", "DICOM", "clinical-context:oncology");
        ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "e-ct", "quality-issue");
    }

    @Test
    void lists_every_dataset_with_an_empty_filter_including_withdrawn_ones() {
        TxResult result = ledger.evaluate(ChaincodeFixture.auditor(), "datasets:ListDatasets", "{}", "100", "");

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(ids(result)).containsExactly("a-ct", "b-mr", "c-ct", "d-ecg", "e-ct");
        assertThat(result.payload()).contains("\"status\":\"WITHDRAWN\"").startsWith("{\"bookmark\":\"\",\"items\":[");
    }

    @Test
    void filters_by_owner_by_tag_and_by_format() {
        assertThat(ids(list("{\"owner\":\"Org2MSP\"}", 100, ""))).containsExactly("c-ct", "d-ecg");
        assertThat(ids(list("{\"tag\":\"clinical-context:icu\"}", 100, ""))).containsExactly("a-ct", "b-mr", "d-ecg");
        assertThat(ids(list("{\"format\":\"DICOM\"}", 100, ""))).containsExactly("a-ct", "c-ct", "e-ct");
    }

    @Test
    void combines_filters_by_post_filtering_the_most_selective_index() {
        assertThat(ids(list("{\"owner\":\"Org1MSP\",\"tag\":\"clinical-context:icu\",\"format\":\"DICOM\"}", 100, "")))
                .containsExactly("a-ct");
        assertThat(ids(list("{\"owner\":\"Org1MSP\",\"format\":\"DICOM\"}", 100, ""))).containsExactly("a-ct", "e-ct");
        assertThat(ids(list("{\"format\":\"DICOM\",\"status\":\"ACTIVE\"}", 100, ""))).containsExactly("a-ct", "c-ct");
    }

    @Test
    void pages_through_results_with_bookmarks_until_the_bookmark_is_empty() {
        List<String> seen = new ArrayList<>();
        String bookmark = "";
        int pages = 0;

        do {
            TxResult page = list("{}", 2, bookmark);
            seen.addAll(ids(page));
            bookmark = (String) page.payloadAs(Map.class).get("bookmark");
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactly("a-ct", "b-mr", "c-ct", "d-ecg", "e-ct");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void fills_a_post_filtered_page_by_reading_further_index_entries() {
        TxResult first = list("{\"tag\":\"clinical-context:icu\",\"owner\":\"Org2MSP\"}", 1, "");

        assertThat(ids(first)).containsExactly("d-ecg");
    }

    @Test
    void rejects_a_bookmark_from_outside_the_scanned_index() {
        TxResult result = list("{\"tag\":\"clinical-context:icu\"}", 10, "CONSENT\u0001x");

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith("bookmark:");
    }

    @Test
    void rejects_bad_filters_and_page_sizes_naming_the_field() {
        assertThat(list("{\"format\":\"JPEG\"}", 10, "").message()).startsWith("format:");
        assertThat(list("{\"colour\":\"red\"}", 10, "").errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(list("{\"tag\":\"Not A Token\"}", 10, "").message()).startsWith("tag:");
        assertThat(list("{}", 0, "").message()).startsWith("pageSize:");
        assertThat(list("{}", 1001, "").message()).startsWith("pageSize:");
    }

    @Test
    void refuses_callers_without_a_known_role() {
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "datasets:ListDatasets", "{}", "10", "").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithUnknownRole(), "datasets:ListDatasets", "{}", "10", "").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
    }

    private void register(final io.custodia.ledger.identity.Identity owner, final String id, final String format, final String... tags) {
        TxResult result = ledger.submit(owner, "datasets:RegisterDataset", DatasetSamples.datasetJson(id, format, tags), "[]");
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    private TxResult list(final String filter, final int pageSize, final String bookmark) {
        return ledger.evaluate(ChaincodeFixture.org1(), "datasets:ListDatasets", filter, String.valueOf(pageSize), bookmark);
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(final TxResult page) {
        assertThat(page.ok()).as(page.toString()).isTrue();
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.payloadAs(Map.class).get("items");
        return items.stream()
                .map(item -> (String) ((Map<String, Object>) item.get("descriptor")).get("datasetId"))
                .collect(Collectors.toList());
    }
}
