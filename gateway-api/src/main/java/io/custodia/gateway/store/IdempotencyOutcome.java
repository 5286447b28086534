package io.custodia.gateway.store;

import java.util.Objects;

/**
 * What {@link IdempotencyRecords#saveIfAbsent(IdempotencyRecord)} found.
 *
 * @param kind whether the record was stored, or an earlier one exists for the same key
 * @param record the record now stored under the key (the caller's when {@link Kind#STORED})
 */
public record IdempotencyOutcome(Kind kind, IdempotencyRecord record) {
    /** The three cases an API maps to HTTP. */
    public enum Kind {
        /** First use of the key: the record was stored. */
        STORED,
        /** The key was used before for the same request: replay the stored response. */
        REPLAY,
        /** The key was used before for a different request: the API answers 422/409. */
        CONFLICT
    }

    /** Checks both components are present. */
    public IdempotencyOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(record, "record");
    }
}
