package io.custodia.gateway.testing;

import io.custodia.canonical.Hashes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for gateway tests, built as maps so each test can change one member. */
public final class ApiSamples {
    private ApiSamples() {}

    /** A valid HMB-restricted DICOM dataset descriptor. */
    public static Map<String, Object> descriptor(final String datasetId) {
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("datasetId", datasetId);
        d.put("version", "1.0.0");
        d.put("contentHash", Map.of("algorithm", "sha256-merkle-v1", "root", Hashes.sha256Hex("content-" + datasetId)));
        d.put("manifestHash", Hashes.sha256Hex("manifest-" + datasetId));
        d.put("itemCommitmentRoot", Hashes.sha256Hex("items-" + datasetId));
        d.put("itemCount", 2);
        d.put("fileCount", 4);
        d.put("byteSize", 4096);
        d.put("format", "DICOM");
        d.put("contextTags", List.of("clinical-context:icu"));
        d.put("deidentificationProfile", "dicom-ps3.15-basic");
        d.put("license", "CC-BY-4.0");
        d.put("useRestrictions", Map.of("permission", Map.of("code", "HMB"), "modifiers", List.of()));
        d.put("intendedTask", "segmentation:lung-nodule");
        return d;
    }

    /** A registration body for {@code subjectRefs}, each with one pointer under the storage URI. */
    public static Map<String, Object> registration(final String datasetId, final List<String> subjectRefs) {
        final List<Map<String, Object>> items = new ArrayList<>();
        for (final String ref : subjectRefs) {
            items.add(Map.of(
                    "subjectRef", ref,
                    "itemSalt", Hashes.sha256Hex("salt-" + datasetId + ref).substring(0, 32),
                    "pointers", List.of("s3://bucket/" + datasetId + "/" + ref.substring(0, 8) + "/ct.dcm")));
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", descriptor(datasetId));
        body.put("storageUri", "s3://bucket/" + datasetId);
        body.put("items", items);
        return body;
    }
}
