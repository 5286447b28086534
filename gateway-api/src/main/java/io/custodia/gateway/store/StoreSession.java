package io.custodia.gateway.store;

/**
 * The store's repositories, one per concept. On {@link OffChainStore} each call is its own
 * transaction; inside {@link OffChainStore#inTransaction(StoreWork)} all calls share one.
 */
public interface StoreSession {
    /** Dataset-level pointers. */
    DatasetPointers datasets();

    /** Per-subject item pointers and item salts. */
    SubjectItemPointers items();

    /** The subject registry. */
    SubjectRegistry subjects();

    /** Consent documents. */
    ConsentDocuments consents();

    /** The per-subject disclosure index. */
    DisclosureIndex disclosures();

    /** Idempotency records. */
    IdempotencyRecords idempotency();

    /** The transactional outbox. */
    Outbox outbox();

    /** Per-subject erasure. */
    ErasureStore erasure();

    /** Federation: release-request nonces (owner side) and pending deliveries (requester side). */
    FederationRecords federation();
}
