package io.custodia.chaincode.testing;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.Pseudonyms;
import java.nio.charset.StandardCharsets;

/** Realistic sample inputs for chaincode tests. */
public final class Samples {
    private Samples() {}

    /** A deterministic pseudonymous subject reference for test subject {@code n}. */
    public static String subjectRef(final int n) {
        return Pseudonyms.subjectRef("test-salt-0123456789".getBytes(StandardCharsets.UTF_8), "patient-" + n);
    }

    /** A deterministic SHA-256 hex for {@code label}. */
    public static String hash(final String label) {
        return Hashes.sha256Hex(label);
    }

    /** A complete dataset descriptor as JSON, HMB-restricted, for {@code datasetId}. */
    public static String datasetJson(final String datasetId) {
        return "{\"datasetId\":\"" + datasetId + "\",\"version\":\"1.0.0\","
                + "\"contentHash\":{\"algorithm\":\"sha256-merkle-v1\",\"root\":\"" + hash("content-" + datasetId) + "\"},"
                + "\"manifestHash\":\"" + hash("manifest-" + datasetId) + "\","
                + "\"itemCommitmentRoot\":\"" + hash("items-" + datasetId) + "\",\"itemCount\":2,"
                + "\"fileCount\":10,\"byteSize\":123456,\"format\":\"DICOM\",\"modality\":\"ct\","
                + "\"contextTags\":[\"intent:diagnostic\",\"clinical-context:icu\"],"
                + "\"provenance\":{\"sourceSystems\":[\"pacs:siemens-syngo\"],\"collectedFrom\":\"2024-01-01T00:00:00Z\","
                + "\"collectedUntil\":\"2024-12-31T00:00:00Z\",\"process\":\"routine-care\",\"interfaceVersion\":\"dicomweb-1.0\"},"
                + "\"deidentificationProfile\":\"dicom-ps3.15-basic\",\"license\":\"CC-BY-4.0\","
                + "\"persistentId\":\"doi:10.5281/zenodo.1234\","
                + "\"useRestrictions\":{\"permission\":{\"code\":\"HMB\"},\"modifiers\":[{\"code\":\"NPU\"}]},"
                + "\"intendedTask\":\"segmentation:lung-nodule\",\"qualityFlags\":{\"completeness\":\"high\"}}";
    }

    /** JSON array of subject references 1..n. */
    public static String subjectsJson(final int n) {
        final StringBuilder out = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            out.append(i > 1 ? "," : "").append('"').append(subjectRef(i)).append('"');
        }
        return out.append(']').toString();
    }
}
