package io.custodia.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.dataset.DatasetDescriptor;
import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.chaincode.dataset.DatasetStatus;
import io.custodia.chaincode.dataset.Withdrawal;
import io.custodia.chaincode.testing.ConsentSamples;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatasetPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} with {1}={2} -> {3}")
    @CsvSource({
        "'{\"code\":\"NCU\"}', commercial, true, COMMERCIAL_USE_NOT_PERMITTED",
        "'{\"code\":\"NCU\"}', commercial, false, ''",
        "'{\"code\":\"NPU\"}', forProfit, true, FOR_PROFIT_USE_NOT_PERMITTED",
        "'{\"code\":\"NPU\"}', forProfit, false, ''",
        "'{\"code\":\"GSO\"}', geneticStudy, false, GENETIC_STUDIES_ONLY",
        "'{\"code\":\"GSO\"}', geneticStudy, true, ''",
        "'{\"code\":\"NMDS\"}', methodsDevelopment, true, METHODS_DEVELOPMENT_NOT_PERMITTED",
        "'{\"code\":\"NMDS\"}', methodsDevelopment, false, ''",
        "'{\"code\":\"IRB\"}', ethicsApprovalHash, , ETHICS_APPROVAL_REQUIRED",
        "'{\"code\":\"IRB\"}', ethicsApprovalHash, 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, ''",
        "'{\"code\":\"TS\",\"until\":\"2026-01-01T00:00:00Z\"}', task, segmentation:lung-nodule, USE_PERIOD_EXPIRED",
        "'{\"code\":\"TS\",\"until\":\"2026-01-01T00:00:01Z\"}', task, segmentation:lung-nodule, ''",
        "'{\"code\":\"IS\",\"institutions\":[\"Org3MSP\"]}', task, segmentation:lung-nodule, INSTITUTION_NOT_PERMITTED",
        "'{\"code\":\"IS\",\"institutions\":[\"Org2MSP\",\"Org3MSP\"]}', task, segmentation:lung-nodule, ''",
    })
    void denies_exactly_when_a_modifier_is_violated(final String modifier, final String field, final String value, final String reason) {
        DatasetRecord dataset = dataset("{\"permission\":{\"code\":\"GRU\"},\"modifiers\":[" + modifier + "]}", DatasetStatus.ACTIVE);
        Map<String, Object> input = ConsentSamples.accessRequest("r-1", "ds-1");
        input.put(field, value == null ? null : "true".equals(value) || "false".equals(value) ? (Object) Boolean.valueOf(value) : value);

        Assessment assessment = DatasetPolicy.assess(dataset, request(input), "Org2MSP", NOW);

        assertThat(String.join(",", assessment.reasons())).isEqualTo(reason);
    }

    @Test
    void denies_a_withdrawn_dataset_with_dataset_withdrawn() {
        DatasetRecord dataset = dataset("{\"permission\":{\"code\":\"NRES\"}}", DatasetStatus.WITHDRAWN);

        Assessment assessment = DatasetPolicy.assess(dataset, request(ConsentSamples.accessRequest("r-1", "ds-1")), "Org2MSP", NOW);

        assertThat(assessment.reasons()).containsExactly("DATASET_WITHDRAWN");
    }

    @Test
    void records_obligations_and_treats_a_missing_task_as_off_label() {
        DatasetRecord dataset = dataset("{\"permission\":{\"code\":\"NRES\"},\"modifiers\":[{\"code\":\"GS\"},{\"code\":\"COL\"}]}", DatasetStatus.ACTIVE);
        Map<String, Object> input = ConsentSamples.accessRequest("r-1", "ds-1");
        input.remove("task");

        Assessment assessment = DatasetPolicy.assess(dataset, request(input), "Org2MSP", NOW);

        assertThat(assessment.passes()).isTrue();
        assertThat(assessment.obligations()).containsExactly("COL", "GS");
        assertThat(assessment.flags()).containsExactly("OFF_LABEL");
    }

    @Test
    void checks_the_purpose_against_the_dataset_permission() {
        DatasetRecord dataset = dataset("{\"permission\":{\"code\":\"DS\",\"disease\":\"MONDO:0005148\"}}", DatasetStatus.ACTIVE);
        Map<String, Object> same = ConsentSamples.accessRequest("r-1", "ds-1");
        same.put("purpose", Map.of("code", "DS", "disease", "MONDO:0005148"));
        Map<String, Object> other = ConsentSamples.accessRequest("r-2", "ds-1");
        other.put("purpose", Map.of("code", "DS", "disease", "MONDO:0004975"));

        Assessment allowed = DatasetPolicy.assess(dataset, request(same), "Org2MSP", NOW);
        Assessment refused = DatasetPolicy.assess(dataset, request(other), "Org2MSP", NOW);

        assertThat(allowed.passes()).isTrue();
        assertThat(refused.reasons()).containsExactly("PURPOSE_NOT_PERMITTED");
    }

    private static AccessRequest request(final Map<String, Object> input) {
        input.values().removeIf(java.util.Objects::isNull);
        return CanonicalJson.parse(ConsentSamples.json(input), AccessRequest.class);
    }

    private static DatasetRecord dataset(final String restrictions, final DatasetStatus status) {
        DatasetDescriptor descriptor = CanonicalJson.parse(ConsentSamples.datasetJson("ds-1", restrictions), DatasetDescriptor.class);
        DatasetRecord active = new DatasetRecord(descriptor, "Org1MSP", DatasetStatus.ACTIVE, 0, NOW.toString(), "tx", null);
        return status == DatasetStatus.ACTIVE ? active : active.withdrawn(new Withdrawal("consent-withdrawn", NOW.toString(), "tx2"));
    }
}
