package io.custodia.gateway.store;

import java.time.Instant;
import java.util.Optional;

/** Stored responses keyed by idempotency key, so the API can make client retries safe. */
public interface IdempotencyRecords {
    /**
     * Stores {@code record} unless its key is taken; tells whether it was stored, or whether the
     * existing record is a replay (same request hash) or a conflict (different request).
     */
    IdempotencyOutcome saveIfAbsent(IdempotencyRecord record);

    /** The record under {@code key}. */
    Optional<IdempotencyRecord> find(String key);

    /**
     * Deletes records created before {@code cutoff} (retention).
     *
     * @return records deleted
     */
    int deleteCreatedBefore(Instant cutoff);
}
