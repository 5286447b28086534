/**
 * The gateway's off-chain store: everything personal or erasable that must never reach the
 * append-only ledger.
 *
 * <p>One {@link io.custodia.gateway.store.OffChainStore} (SQLite embedded by default, PostgreSQL in
 * production) hands out one small repository per concept: dataset pointers, per-subject item
 * pointers and salts, the subject registry, consent documents, the disclosure index, idempotency
 * records, the transactional outbox and erasure. {@link
 * io.custodia.gateway.store.OffChainStore#inTransaction(StoreWork)} runs several of them in one
 * database transaction, so a revocation's outbox entry commits with the write that triggers it.
 *
 * <p>Item pointers, item salts, subject salts and consent documents are encrypted with a
 * per-subject data key (AES-256-GCM) that is itself wrapped by a key-encryption key held outside
 * the database; erasure deletes the subject's rows including that key ("crypto-shredding") and
 * the store's compaction then rewrites the database files. {@code gateway-api/docs/off-chain-store.md}
 * states exactly what is and is not guaranteed on disk for each dialect.
 *
 * <p>Nothing in this package logs, and no exception message carries a patient identifier, a
 * pointer or a salt.
 */
package io.custodia.gateway.store;
