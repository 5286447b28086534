package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import org.junit.jupiter.api.Test;

class RegisterDatasetTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void registers_a_dataset_owned_by_the_callers_organisation() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset",
                Samples.datasetJson("ds-1"), Samples.subjectsJson(2));

        assertThat(result.ok()).as(result.toString()).isTrue();
        DatasetRecord record = result.payloadAs(DatasetRecord.class);
        assertThat(record.owner()).isEqualTo("Org1MSP");
        assertThat(record.status()).isEqualTo(DatasetStatus.ACTIVE);
        assertThat(record.subjectCount()).isEqualTo(2);
        assertThat(record.registeredAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(result.eventName()).isEqualTo("DatasetRegistered");
        assertThat(ledger.evaluate(ChaincodeFixture.auditor(), "datasets:GetDataset", "ds-1").payload())
                .isEqualTo(result.payload());
    }

    @Test
    void rejects_a_raw_patient_identifier_as_subject_and_writes_nothing() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset",
                Samples.datasetJson("ds-1"), "[\"MRN-0012345\"]");

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith("subjects[0]: must be a pseudonymous subject reference");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }
}
