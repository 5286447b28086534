package io.custodia.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.chaincode.testing.WriteSets;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
    void stores_the_record_as_exact_canonical_json() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset",
                Samples.datasetJson("ds-1"), Samples.subjectsJson(1));

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(raw("DATASET\u0001ds-1")).isEqualTo("{\"descriptor\":{"
                + "\"byteSize\":123456,"
                + "\"contentHash\":{\"algorithm\":\"sha256-merkle-v1\",\"root\":\"" + Samples.hash("content-ds-1") + "\"},"
                + "\"contextTags\":[\"clinical-context:icu\",\"intent:diagnostic\"],"
                + "\"datasetId\":\"ds-1\",\"deidentificationProfile\":\"dicom-ps3.15-basic\",\"fileCount\":10,"
                + "\"format\":\"DICOM\",\"intendedTask\":\"segmentation:lung-nodule\",\"itemCommitmentRoot\":\""
                + Samples.hash("items-ds-1") + "\",\"itemCount\":2,\"license\":\"CC-BY-4.0\","
                + "\"manifestHash\":\"" + Samples.hash("manifest-ds-1") + "\",\"modality\":\"ct\","
                + "\"persistentId\":\"doi:10.5281/zenodo.1234\","
                + "\"provenance\":{\"collectedFrom\":\"2024-01-01T00:00:00Z\",\"collectedUntil\":\"2024-12-31T00:00:00Z\","
                + "\"interfaceVersion\":\"dicomweb-1.0\",\"process\":\"routine-care\",\"sourceSystems\":[\"pacs:siemens-syngo\"]},"
                + "\"qualityFlags\":{\"completeness\":\"high\"},"
                + "\"useRestrictions\":{\"modifiers\":[{\"code\":\"NPU\"}],\"permission\":{\"code\":\"HMB\"}},"
                + "\"version\":\"1.0.0\"},"
                + "\"owner\":\"Org1MSP\",\"registeredAt\":\"2026-01-01T00:00:00Z\",\"registeredTxId\":\"" + result.txId() + "\","
                + "\"status\":\"ACTIVE\",\"subjectCount\":1}");
        assertThat(raw("DATASET_BY_OWNER\u0001Org1MSP\u0001ds-1")).isEqualTo("ds-1");
        assertThat(raw("DATASET_BY_FORMAT\u0001DICOM\u0001ds-1")).isEqualTo("ds-1");
        assertThat(raw("DATASET_BY_TAG\u0001clinical-context:icu\u0001ds-1")).isEqualTo("ds-1");
        assertThat(raw("DATASET_SUBJECT\u0001ds-1\u0001" + Samples.subjectRef(1))).isEqualTo(Samples.subjectRef(1));
        assertThat(raw("DATASET_SUBJECT_LIST\u0001ds-1")).isEqualTo("{\"subjects\":[\"" + Samples.subjectRef(1) + "\"]}");
        assertThat(result.eventPayload()).isEqualTo("{\"contentHash\":\"" + Samples.hash("content-ds-1")
                + "\",\"datasetId\":\"ds-1\",\"owner\":\"Org1MSP\"}");
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

    @Test
    void rejects_an_unknown_content_hash_algorithm_naming_the_field() {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset",
                Samples.datasetJson("ds-1").replace("sha256-merkle-v1", "md5"), Samples.subjectsJson(1));

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith("contentHash.algorithm:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void rejects_a_second_registration_of_the_same_id() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org2(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");

        assertThat(result.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_derivation_which_belongs_to_register_derived_dataset() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");
        var before = ledger.snapshot();

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset",
                DatasetSamples.derivedJson("ds-2", "resample", "ds-1"), "[]");

        assertThat(result.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(result.message()).startsWith("derivation:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.custodia.chaincode.dataset.RegisterDatasetTest#nonInstitutions")
    void refuses_callers_who_are_not_institutions(final Identity caller) {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(caller, "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]");

        assertThat(result.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void get_dataset_answers_not_found_for_an_unknown_id_and_refuses_callers_without_role() {
        TxResult missing = ledger.evaluate(ChaincodeFixture.org1(), "datasets:GetDataset", "nope");
        TxResult noRole = ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "datasets:GetDataset", "nope");

        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(noRole.errorCode()).isEqualTo("ROLE_FORBIDDEN");
    }

    @Test
    void the_same_calls_on_two_ledgers_write_identical_bytes() {
        ChaincodeFixture other = new ChaincodeFixture();

        TxResult a = ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), Samples.subjectsJson(3));
        TxResult b = other.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), Samples.subjectsJson(3));

        assertThat(WriteSets.lines(a.writes())).isEqualTo(WriteSets.lines(b.writes()));
        assertThat(a.eventPayload()).isEqualTo(b.eventPayload());
    }

    static java.util.stream.Stream<Identity> nonInstitutions() {
        return java.util.stream.Stream.of(
                ChaincodeFixture.org1WithoutRole(), ChaincodeFixture.org1WithUnknownRole(), ChaincodeFixture.auditor());
    }

    private String raw(final String key) {
        byte[] value = ledger.rawState(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
