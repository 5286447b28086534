package io.custodia.gateway.consent;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.SubjectItems;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registers a dataset holding one subject's items the way the datasets endpoint does: storage URI,
 * item pointers and salt into the store, the descriptor and subject reference on-chain.
 */
final class TestDatasets {
    private TestDatasets() {}

    static void register(final LedgerClient ledger, final OffChainStore store, final String datasetId,
            final String subjectRef, final List<String> pointers) throws LedgerException {
        store.datasets().put(new DatasetPointer(datasetId, "s3://bucket/" + datasetId, ConsentFixtures.ORG));
        store.items().put(new SubjectItems(datasetId, subjectRef, pointers,
                Hashes.sha256(("salt-" + datasetId).getBytes(StandardCharsets.UTF_8))));
        ledger.submit(ConsentFixtures.INSTITUTION_CALLER, "datasets:RegisterDataset", descriptor(datasetId),
                "[\"" + subjectRef + "\"]");
    }

    private static String hash(final String seed) {
        return Hashes.sha256Hex(seed.getBytes(StandardCharsets.UTF_8));
    }

    private static String descriptor(final String datasetId) {
        return "{\"datasetId\":\"" + datasetId + "\",\"version\":\"1.0.0\","
                + "\"contentHash\":{\"algorithm\":\"sha256-merkle-v1\",\"root\":\"" + hash("content-" + datasetId) + "\"},"
                + "\"manifestHash\":\"" + hash("manifest-" + datasetId) + "\","
                + "\"itemCommitmentRoot\":\"" + hash("items-" + datasetId) + "\",\"itemCount\":2,"
                + "\"fileCount\":2,\"byteSize\":1024,\"format\":\"DICOM\",\"modality\":\"ct\","
                + "\"contextTags\":[\"intent:diagnostic\"],"
                + "\"provenance\":{\"sourceSystems\":[\"pacs:test\"],\"collectedFrom\":\"2024-01-01T00:00:00Z\","
                + "\"collectedUntil\":\"2024-12-31T00:00:00Z\",\"process\":\"routine-care\",\"interfaceVersion\":\"dicomweb-1.0\"},"
                + "\"deidentificationProfile\":\"dicom-ps3.15-basic\",\"license\":\"CC-BY-4.0\","
                + "\"useRestrictions\":{\"permission\":{\"code\":\"HMB\"},\"modifiers\":[]},"
                + "\"intendedTask\":\"segmentation:lung-nodule\",\"qualityFlags\":{\"completeness\":\"high\"}}";
    }
}
