package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import org.junit.jupiter.api.Test;

class GetDatasetHistoryTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void returns_every_version_oldest_first_with_transaction_and_time() {
        TxResult registered = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");
        TxResult withdrawn = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "quality-issue");

        TxResult result = ledger.evaluate(ChaincodeFixture.auditor(), "datasets:GetDatasetHistory", "ds-1");

        assertThat(result.ok()).as(result.toString()).isTrue();
        HistoryEntry[] entries = CanonicalJson.parse(result.payload(), HistoryEntry[].class);
        assertThat(entries).hasSize(2);
        assertThat(entries[0].txId()).isEqualTo(registered.txId());
        assertThat(entries[0].timestamp()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(entries[0].isDelete()).isFalse();
        assertThat(CanonicalJson.toString(entries[0].record())).isEqualTo(registered.payload());
        assertThat(entries[1].txId()).isEqualTo(withdrawn.txId());
        assertThat(CanonicalJson.toString(entries[1].record())).isEqualTo(withdrawn.payload());
        assertThat(result.payload()).startsWith("[{\"isDelete\":false,\"record\":{");
    }

    @Test
    void answers_not_found_for_an_unknown_dataset_and_refuses_callers_without_role() {
        assertThat(ledger.evaluate(ChaincodeFixture.org2(), "datasets:GetDatasetHistory", "ds-9").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "datasets:GetDatasetHistory", "ds-9").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDatasetHistory", "bad id").errorCode())
                .isEqualTo("INVALID_ARGUMENT");
    }
}
