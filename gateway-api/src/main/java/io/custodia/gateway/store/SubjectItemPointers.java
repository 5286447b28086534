package io.custodia.gateway.store;

import java.util.Collection;
import java.util.List;
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
     * subjects only) and the dataset's storage URI, with the item change mark {@link #stillPresent}
     * compares. Salts are not decrypted. Both may come from memory, kept under the same mark (never
     * stale).
     *
     * @param datasetSubjects how many subjects the dataset has (the ledger's count): when at least half
     *     of them are asked for, the dataset's rows are read in one index range instead of one lookup
     *     per subject
     */
    PointerRead pointersOf(String datasetId, Collection<String> subjectRefs, long datasetSubjects);

    /**
     * Which of the subjects of {@code read} still have items, without reading or decrypting them: the
     * access flow resolves pointers outside its write transaction, then re-checks inside it. When no
     * item of any subject was deleted or replaced since {@code read}, that is all of them, known
     * without a lookup per subject. Inside a transaction, no deletion of the dataset's items commits
     * between this check and the transaction's end.
     */
    Set<String> stillPresent(PointerRead read);

    /**
     * The ids of the datasets holding items of {@code subjectRef}, sorted: what an erasure receipt
     * names, read in the erasure's transaction before the rows are deleted.
     */
    List<String> datasetIdsOf(String subjectRef);
}
