package io.custodia.gateway.store;

import java.util.List;
import java.util.Optional;

/** Dataset-level storage pointers (dataset id → storage URI, owner institution). */
public interface DatasetPointers {
    /** Stores or replaces the pointer of {@code pointer.datasetId()}. */
    void put(DatasetPointer pointer);

    /** The pointer of {@code datasetId}. */
    Optional<DatasetPointer> find(String datasetId);

    /**
     * Deletes the dataset pointer and every subject's item pointers in that dataset.
     *
     * @return whether the dataset pointer existed
     */
    boolean delete(String datasetId);

    /** Every dataset pointer, by dataset id: what start-up reconciliation compares with the ledger. */
    List<DatasetPointer> all();
}
