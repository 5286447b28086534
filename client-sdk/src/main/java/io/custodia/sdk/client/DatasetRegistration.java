package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /api/v1/datasets}: the descriptor for the ledger, and the storage URI and
 * per-subject items for the off-chain store.
 *
 * <pre>{@code
 * DatasetRecord r = client.datasets().register(new DatasetRegistration(descriptor, "s3://bucket/study-42/", items));
 * }</pre>
 *
 * @param dataset descriptor registered on-chain
 * @param storageUri where the dataset lives (off-chain)
 * @param items the dataset's subjects with their item salts and pointers (off-chain)
 */
public record DatasetRegistration(DatasetDescriptor dataset, String storageUri, List<SubjectItems> items) {
    public DatasetRegistration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(storageUri, "storageUri");
        items = List.copyOf(items);
    }
}
