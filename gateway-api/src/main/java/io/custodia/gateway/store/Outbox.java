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
     * Adds a pending operation under a saga key, already leased by {@code holder} — inside the caller's
     * transaction, so no resume pass can claim it between its enqueue and the inline run. When an item
     * with the same key exists (a retry of a request whose first attempt crashed, or a concurrent
     * duplicate), nothing is added: the existing item is returned, leased by {@code holder} if its
     * lease was free or expired, as it is otherwise (done, or held by a live worker).
     *
     * @param dedupeKey the effect the item produces, e.g. {@code "revoke-consent:" + consentId}: never
     *     personal data; null for an item without a key (always added)
     */
    Enqueued enqueueClaimed(String kind, String payload, String dedupeKey, String holder, Duration lease);

    /** What {@link #enqueueClaimed} did. */
    record Enqueued(OutboxItem item, boolean created, boolean claimed) {}

    /**
     * Deletes the completed item with saga key {@code dedupeKey}, if any, so that the effect can be
     * started afresh (a registration whose first attempt failed and was undone).
     *
     * @return whether an item was deleted
     */
    boolean forgetDone(String dedupeKey);

    /** The item with saga key {@code dedupeKey}, whatever its state. */
    Optional<OutboxItem> findByKey(String dedupeKey);

    /**
     * Leases up to {@code max} pending items whose lease is free or expired, oldest first. On
     * PostgreSQL concurrent claimers skip each other's rows ({@code FOR UPDATE SKIP LOCKED}); on
     * SQLite the claim runs under the database write lock ({@code BEGIN IMMEDIATE}), which
     * serialises claimers.
     */
    default List<OutboxItem> claim(int max, Duration lease) {
        return claim(max, lease, null);
    }

    /** As {@link #claim(int, Duration)}, recording {@code holder} (an instance id, or null) as the lease holder. */
    List<OutboxItem> claim(int max, Duration lease, String holder);

    /**
     * Leases the one item {@code id} if it is pending and its lease is free or expired, whatever
     * its {@code available_at}: the request that enqueued an operation runs it inline at once.
     *
     * @return the claimed item, or empty if it is done, missing or leased by another worker
     */
    default Optional<OutboxItem> claim(long id, Duration lease) {
        return claim(id, lease, null);
    }

    /** As {@link #claim(long, Duration)}, recording {@code holder} as the lease holder. */
    Optional<OutboxItem> claim(long id, Duration lease, String holder);

    /**
     * The heartbeat: extends every pending lease held by {@code holder} to now + {@code lease}.
     *
     * @return how many leases were extended
     */
    int renewLeasesOf(String holder, Duration lease);

    /**
     * Frees every pending lease not held by {@code holder}: a starting instance takes over the items of
     * previous instances (with one store per gateway, they are all dead). Tokens change on the next
     * claim, so a worker that was in fact alive can no longer record progress.
     *
     * @return how many leases were freed
     */
    int releaseLeasesNotHeldBy(String holder);

    /**
     * Records that the first {@code completedSteps} steps are done, with optional step state JSON.
     *
     * @return false if the lease token is no longer current (the item was retaken or completed)
     */
    boolean recordStep(long id, String leaseToken, int completedSteps, String stepState);

    /** Extends the lease of a long-running item; false if the token is no longer current. */
    boolean renewLease(long id, String leaseToken, Duration lease);

    /** Marks the item done; false if the token is no longer current. */
    default boolean complete(long id, String leaseToken) {
        return complete(id, leaseToken, false);
    }

    /**
     * Marks the item done; with {@code scrub}, also replaces its payload with {@code {}} and drops its
     * step state (an operation that erased its subject keeps no pseudonym of it).
     */
    boolean complete(long id, String leaseToken, boolean scrub);

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
