package io.custodia.gateway.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
     * subjects only) and the dataset's storage URI, with the item change mark {@link #current}
     * compares. Salts are not decrypted. Both may come from memory, kept under the same mark, which is
     * read first (never stale).
     *
     * @param datasetSubjects how many subjects the dataset has (the ledger's count): when at least half
     *     of them are asked for, the dataset's rows are read in one index range instead of one lookup
     *     per subject
     */
    PointerRead pointersOf(String datasetId, Collection<String> subjectRefs, long datasetSubjects);

    /**
     * The same as {@link #pointersOf}, from memory alone, when memory holds the storage URI and the
     * pointers of every one of {@code subjectRefs}; no database access, not even the mark. It may be
     * stale — items deleted or replaced since, by any process — so it is for a caller that passes it
     * through {@link #current} inside its transaction before using it.
     */
    Optional<PointerRead> cachedPointersOf(String datasetId, Collection<String> subjectRefs);

    /**
     * {@code read} as the database holds it now: {@code read} itself when no item of any subject was
     * deleted or replaced since it was read (the mark is unchanged, known without a lookup per
     * subject); otherwise the pointers and storage URI of its subjects read again, without the
     * subjects whose items are gone. Inside a transaction, no deletion of the dataset's items commits
     * between this and the transaction's end: the access flow resolves pointers outside its write
     * transaction and takes what this returns inside it.
     */
    PointerRead current(PointerRead read);

    /**
     * The ids of the datasets holding items of {@code subjectRef}, sorted: what an erasure receipt
     * names, read in the erasure's transaction before the rows are deleted.
     */
    List<String> datasetIdsOf(String subjectRef);

    /**
     * The subjects holding items in {@code datasetId}, sorted: what a registration commits on-chain
     * (read again when an interrupted registration is finished, so no outbox payload names them).
     */
    List<String> subjectsOf(String datasetId);
}
