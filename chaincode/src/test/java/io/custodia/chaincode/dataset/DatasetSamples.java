package io.custodia.chaincode.dataset;

import io.custodia.chaincode.testing.Samples;

/** Variations of {@link Samples#datasetJson(String)} for dataset tests. */
final class DatasetSamples {
    private DatasetSamples() {}

    /** A dataset with the given format and context tags instead of DICOM and the sample tags. */
    static String datasetJson(final String datasetId, final String format, final String... tags) {
        final StringBuilder tagJson = new StringBuilder("[");
        for (int i = 0; i < tags.length; i++) {
            tagJson.append(i > 0 ? "," : "").append('"').append(tags[i]).append('"');
        }
        return Samples.datasetJson(datasetId)
                .replace("\"format\":\"DICOM\"", "\"format\":\"" + format + "\"")
                .replace("[\"intent:diagnostic\",\"clinical-context:icu\"]", tagJson.append(']').toString());
    }

    /** A derived dataset of {@code parents}, produced by transformation {@code tool} 2.1.0. */
    static String derivedJson(final String datasetId, final String tool, final String... parents) {
        final StringBuilder parentJson = new StringBuilder("[");
        for (int i = 0; i < parents.length; i++) {
            parentJson.append(i > 0 ? "," : "").append('"').append(parents[i]).append('"');
        }
        final String base = Samples.datasetJson(datasetId);
        return base.substring(0, base.length() - 1) + ",\"derivation\":{\"parents\":" + parentJson + "],"
                + "\"transformation\":{\"name\":\"" + tool + "\",\"version\":\"2.1.0\","
                + "\"parametersHash\":\"" + Samples.hash("params-" + tool) + "\"}}}";
    }
}
