package io.custodia.gateway.store;

/**
 * The gateway's off-chain store. Open one per process; it owns a connection pool and migrates its
 * schema (Flyway) when opened.
 *
 * <pre>{@code
 * try (OffChainStore store = OffChainStore.open(StoreConfig.sqlite(dataDir, kek))) {
 *     String subjectRef = store.subjects().registerOrGet(pepper, patientId).subjectRef();
 *     long outboxId = store.inTransaction(tx -> tx.outbox().enqueue("revocation", payloadJson));
 * }
 * }</pre>
 */
public interface OffChainStore extends StoreSession, AutoCloseable {
    /**
     * Opens the store described by {@code config}, applying pending schema migrations.
     *
     * @throws StoreException if the database cannot be reached or migrated
     */
    static OffChainStore open(final StoreConfig config) {
        return JdbcOffChainStore.open(config);
    }

    /**
     * Runs {@code work} in one database transaction: committed if it returns, rolled back if it
     * throws (the exception is rethrown).
     */
    <T> T inTransaction(StoreWork<T> work);

    /**
     * Like {@link #inTransaction(StoreWork)}, but {@code work} may share its transaction, and its
     * commit, with the work of concurrent callers (group commit, on SQLite: one {@code fsync} and one
     * turn of the single write lock for many callers; PostgreSQL runs it in a transaction of its
     * own). It returns only after the transaction that ran it committed. {@code work} must not
     * depend on running alone and must be safe to run again: if the shared transaction fails, each
     * work in it runs again in a transaction of its own, so only the failing caller sees the failure.
     */
    <T> T inSharedTransaction(StoreWork<T> work);

    /**
     * Removes deleted rows from the database files: SQLite {@code VACUUM} (with {@code
     * secure_delete} on every connection) and {@code wal_checkpoint(TRUNCATE)}; PostgreSQL {@code
     * VACUUM (FULL)} of the tables holding personal data, then {@code CHECKPOINT}. Takes exclusive
     * locks for its duration. Also empties the memory of decrypted pointers, so an erased subject's
     * pointers leave the heap too.
     */
    CompactionReport compact();

    /**
     * Re-wraps every data key still wrapped by a retired key-encryption key (see {@link
     * StoreConfig#withRetiredKeys(KeyEncryptionKey...)}) under the current one. Run {@link
     * #compact()} afterwards so the old wrappings leave the database files.
     *
     * @return how many data keys were re-wrapped
     */
    int rewrapDataKeys();

    /** Which database this store runs on. */
    Dialect dialect();

    /** Closes the connection pool. */
    @Override
    void close();
}
