package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WithdrawDatasetTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();
    private TxResult registration;

    @BeforeEach
    void register() {
        registration = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");
    }

    @Test
    void withdraws_an_active_dataset_of_the_callers_organisation() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "consent-withdrawn");

        assertThat(result.ok()).as(result.toString()).isTrue();
        DatasetRecord record = result.payloadAs(DatasetRecord.class);
        assertThat(record.status()).isEqualTo(DatasetStatus.WITHDRAWN);
        assertThat(record.withdrawal().reason()).isEqualTo("consent-withdrawn");
        assertThat(record.withdrawal().withdrawnAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(result.eventName()).isEqualTo("DatasetWithdrawn");
        assertThat(result.eventPayload()).isEqualTo("{\"datasetId\":\"ds-1\",\"owner\":\"Org1MSP\",\"reason\":\"consent-withdrawn\"}");
    }

    @Test
    void stores_the_withdrawal_inside_the_record_as_exact_canonical_json() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "consent-withdrawn");

        String stored = new String(ledger.rawState("DATASET\u0001ds-1"), StandardCharsets.UTF_8);
        assertThat(stored).endsWith(",\"owner\":\"Org1MSP\",\"registeredAt\":\"2026-01-01T00:00:00Z\",\"registeredTxId\":\""
                + registration.txId() + "\",\"status\":\"WITHDRAWN\",\"subjectCount\":0,"
                + "\"withdrawal\":{\"reason\":\"consent-withdrawn\",\"txId\":\"" + result.txId()
                + "\",\"withdrawnAt\":\"2026-01-01T00:00:01Z\"}}");
        assertThat(result.writes()).containsOnlyKeys("DATASET\u0001ds-1");
    }

    @Test
    void refuses_to_withdraw_twice_with_state_conflict() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "quality-issue");
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "quality-issue");

        assertThat(result.errorCode()).isEqualTo("STATE_CONFLICT");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_foreign_institution_with_not_owner() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "datasets:WithdrawDataset", "ds-1", "quality-issue");

        assertThat(result.errorCode()).isEqualTo("NOT_OWNER");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.custodia.chaincode.dataset.RegisterDatasetTest#nonInstitutions")
    void refuses_callers_who_are_not_institutions(final Identity caller) {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(caller, "datasets:WithdrawDataset", "ds-1", "quality-issue");

        assertThat(result.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void rejects_free_text_reasons_and_unknown_datasets() {
        var before = ledger.snapshot();

        TxResult freeText = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "Patient Jane Doe asked");
        TxResult missing = ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-9", "quality-issue");

        assertThat(freeText.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(freeText.message()).startsWith("reason:");
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }
}
