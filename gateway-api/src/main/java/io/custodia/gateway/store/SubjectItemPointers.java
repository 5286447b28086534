package io.custodia.gateway.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-subject item pointers and item salts of a dataset, encrypted under the subject's data key.
 */
public interface SubjectItemPointers {
    /** Stores or replaces the items of {@code items.subjectRef()} in {@code items.datasetId()}. */
    void put(SubjectItems items);

    /** The items of one subject in one dataset. */
    Optional<SubjectItems> find(String datasetId, String subjectRef);

    /**
     * The item pointers of several subjects in one dataset (the access flow resolves permitted
     * subjects only); subjects without items are absent from the map. Salts are not decrypted.
     */
    Map<String, List<String>> pointersOf(String datasetId, Collection<String> subjectRefs);

    /**
     * Which of the subjects still have items in the dataset, without reading or decrypting them: the
     * access flow resolves pointers outside the write transaction, then re-checks inside it.
     */
    Set<String> present(String datasetId, Collection<String> subjectRefs);

    /**
     * Deletes every subject's items of one dataset; used to undo a registration the ledger refused.
     * Returns the number of subjects whose items were deleted.
     */
    int deleteDataset(String datasetId);

    /**
     * The ids of the datasets holding items of {@code subjectRef}, sorted: what an erasure receipt
     * names, read in the erasure's transaction before the rows are deleted.
     */
    List<String> datasetIdsOf(String subjectRef);
}
