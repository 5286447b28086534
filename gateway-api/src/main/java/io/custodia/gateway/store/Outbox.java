package io.custodia.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Transactional outbox for multi-step operations (revocation: revoke on-chain, erase off-chain,
 * put the erasure receipt on-chain).
 *
 * <p>Enqueue through {@link OffChainStore#inTransaction(StoreWork)} together with the write that
 * triggers the operation, so both commit or neither does. Workers {@link #claim(int, Duration)}
 * items under a lease; a crashed worker's items become claimable again when the lease expires.
 * Every claim gets a fresh lease token, and progress is accepted only with the current token, so
 * a worker whose lease was retaken cannot overwrite its successor's progress.
 *
 * <pre>{@code
 * for (OutboxItem item : store.outbox().claim(10, Duration.ofMinutes(2))) {
 *     // ... run the steps after item.completedSteps() ...
 *     store.outbox().recordStep(item.id(), item.leaseToken(), 1, stateJson);
 *     store.outbox().complete(item.id(), item.leaseToken());
 * }
 * }</pre>
 */
public interface Outbox {
    /**
     * Adds a pending operation.
     *
     * @param payload JSON of pseudonyms and identifiers only: the outbox is not erased per subject
     * @return the item id
     */
    long enqueue(String kind, String payload);

    /**
     * Leases up to {@code max} pending items whose lease is free or expired, oldest first. On
     * PostgreSQL concurrent claimers skip each other's rows ({@code FOR UPDATE SKIP LOCKED}); on
     * SQLite the claim runs under the database write lock ({@code BEGIN IMMEDIATE}), which
     * serialises claimers.
     */
    List<OutboxItem> claim(int max, Duration lease);

    /**
     * Leases the one item {@code id} if it is pending and its lease is free or expired, whatever
     * its {@code available_at}: the request that enqueued an operation runs it inline at once.
     *
     * @return the claimed item, or empty if it is done, missing or leased by another worker
     */
    Optional<OutboxItem> claim(long id, Duration lease);

    /**
     * Records that the first {@code completedSteps} steps are done, with optional step state JSON.
     *
     * @return false if the lease token is no longer current (the item was retaken or completed)
     */
    boolean recordStep(long id, String leaseToken, int completedSteps, String stepState);

    /** Extends the lease of a long-running item; false if the token is no longer current. */
    boolean renewLease(long id, String leaseToken, Duration lease);

    /** Marks the item done; false if the token is no longer current. */
    boolean complete(long id, String leaseToken);

    /**
     * Gives the item back after a failed attempt, claimable again from {@code notBefore} (back-off).
     *
     * @return false if the token is no longer current
     */
    boolean release(long id, String leaseToken, Instant notBefore);

    /** The item, whatever its state. */
    Optional<OutboxItem> find(long id);

    /** Deletes completed items finished before {@code cutoff}; returns how many. */
    int purgeCompletedBefore(Instant cutoff);
}
