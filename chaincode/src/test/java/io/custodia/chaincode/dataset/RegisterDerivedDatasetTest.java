package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.chaincode.testing.WriteSets;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterDerivedDatasetTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @BeforeEach
    void register_parents() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("p-1"), "[]");
        ledger.submit(ChaincodeFixture.org2(), "datasets:RegisterDataset", Samples.datasetJson("p-2"), "[]");
    }

    @Test
    void registers_a_derived_dataset_of_parents_owned_by_anyone_and_indexes_the_lineage() {
        TxResult result = ledger.submit(ChaincodeFixture.org2(), "datasets:RegisterDerivedDataset",
                DatasetSamples.derivedJson("d-1", "resample", "p-2", "p-1"), Samples.subjectsJson(1));

        assertThat(result.ok()).as(result.toString()).isTrue();
        DatasetRecord record = result.payloadAs(DatasetRecord.class);
        assertThat(record.owner()).isEqualTo("Org2MSP");
        assertThat(record.descriptor().derivation().parents()).containsExactly("p-1", "p-2");
        assertThat(raw("LINEAGE_CHILD\u0001p-1\u0001d-1")).isEqualTo("d-1");
        assertThat(raw("LINEAGE_CHILD\u0001p-2\u0001d-1")).isEqualTo("d-1");
        assertThat(raw("DATASET_BY_OWNER\u0001Org2MSP\u0001d-1")).isEqualTo("d-1");
        assertThat(result.eventName()).isEqualTo("DerivedDatasetRegistered");
        assertThat(result.eventPayload()).isEqualTo("{\"contentHash\":\"" + Samples.hash("content-d-1")
                + "\",\"datasetId\":\"d-1\",\"owner\":\"Org2MSP\",\"parents\":[\"p-1\",\"p-2\"],"
                + "\"transformation\":{\"name\":\"resample\",\"parametersHash\":\"" + Samples.hash("params-resample")
                + "\",\"version\":\"2.1.0\"}}");
    }

    @Test
    void stores_the_derivation_as_exact_canonical_json() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDerivedDataset",
                DatasetSamples.derivedJson("d-1", "resample", "p-1"), "[]");

        assertThat(raw("DATASET\u0001d-1")).contains(",\"derivation\":{\"parents\":[\"p-1\"],\"transformation\":"
                + "{\"name\":\"resample\",\"parametersHash\":\"" + Samples.hash("params-resample") + "\",\"version\":\"2.1.0\"}},");
    }

    @Test
    void requires_a_derivation() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDerivedDataset", Samples.datasetJson("d-1"), "[]");

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith("derivation:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void rejects_missing_parents_withdrawn_parents_and_more_than_sixteen_parents() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "p-1", "quality-issue");
        var before = ledger.snapshot();
        String[] seventeen = new String[17];
        for (int i = 0; i < seventeen.length; i++) {
            seventeen[i] = "p-" + (i + 100);
        }

        TxResult missing = derive("d-1", "p-2", "p-404");
        TxResult withdrawn = derive("d-1", "p-1");
        TxResult tooMany = derive("d-1", seventeen);
        TxResult none = derive("d-1");

        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(withdrawn.errorCode()).isEqualTo("DATASET_WITHDRAWN");
        assertThat(tooMany.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(tooMany.message()).startsWith("derivation.parents:");
        assertThat(none.message()).startsWith("derivation.parents:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void rejects_an_existing_id() {
        var before = ledger.snapshot();

        TxResult result = derive("p-2", "p-1");

        assertThat(result.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.custodia.chaincode.dataset.RegisterDatasetTest#nonInstitutions")
    void refuses_callers_who_are_not_institutions(final Identity caller) {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(caller, "datasets:RegisterDerivedDataset", DatasetSamples.derivedJson("d-1", "x", "p-1"), "[]");

        assertThat(result.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void the_same_calls_on_two_ledgers_write_identical_bytes() {
        ChaincodeFixture other = new ChaincodeFixture();
        other.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("p-1"), "[]");
        other.submit(ChaincodeFixture.org2(), "datasets:RegisterDataset", Samples.datasetJson("p-2"), "[]");

        TxResult a = derive("d-1", "p-1", "p-2");
        TxResult b = other.submit(ChaincodeFixture.org1(), "datasets:RegisterDerivedDataset",
                DatasetSamples.derivedJson("d-1", "resample", "p-1", "p-2"), "[]");

        assertThat(WriteSets.lines(a.writes())).isEqualTo(WriteSets.lines(b.writes()));
        assertThat(a.eventPayload()).isEqualTo(b.eventPayload());
    }

    private TxResult derive(final String id, final String... parents) {
        return ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDerivedDataset",
                DatasetSamples.derivedJson(id, "resample", parents), "[]");
    }

    private String raw(final String key) {
        byte[] value = ledger.rawState(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
