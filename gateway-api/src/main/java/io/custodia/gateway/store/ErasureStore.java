package io.custodia.gateway.store;

/**
 * Erasure of everything personal about one subject (GDPR Art. 17).
 */
public interface ErasureStore {
    /**
     * Deletes, in ONE transaction, the subject's item pointers and item salts in every dataset, its
     * registry row (subject salt), consent documents, disclosure rows, stored idempotency responses
     * and its data key. After that the on-chain {@code subjectRef} cannot be linked to anyone, and
     * ciphertext copies left behind (WAL, backups) cannot be decrypted.
     *
     * <p>The returned hash is {@code SHA-256(canonical JSON)} of the destroyed pointer set:
     * {@code {"subjectRef":…,"items":[{"datasetId":…,"itemSalt":hex,"pointers":[sorted]}…]}} with
     * items sorted by dataset id. The item salts are included so that the on-chain hash cannot be
     * confirmed by guessing low-entropy pointer URIs once the salts are gone. Erasing a subject with
     * nothing stored yields the hash of the empty set, so the hash is deterministic.
     *
     * <p>Called on {@link OffChainStore} directly, the store then runs {@link
     * OffChainStore#compact()} so deleted rows do not linger in the database files. Called inside
     * {@link OffChainStore#inTransaction(StoreWork)} (to record the outbox step atomically with the
     * deletion), compaction cannot run inside the transaction: call {@code compact()} after it
     * commits.
     */
    ErasureResult eraseSubject(String subjectRef);
}
