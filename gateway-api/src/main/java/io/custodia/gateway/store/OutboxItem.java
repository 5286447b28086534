package io.custodia.gateway.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One multi-step operation in the transactional outbox, as seen by the worker that holds its
 * lease.
 *
 * @param id store-assigned identifier
 * @param kind operation type, e.g. {@code "revocation"}
 * @param payload canonical JSON with the operation's inputs: pseudonyms and identifiers only, never
 *     personal data
 * @param completedSteps how many steps a worker has recorded as done; a worker resumes after them
 * @param stepState JSON the steps recorded (e.g. the erasure hash for the receipt step), or null
 * @param attempts how many times the item was claimed
 * @param leaseToken the fencing token of the current claim; progress is accepted only with it
 * @param leaseExpiresAt when another worker may retake the item
 * @param done whether the operation completed
 * @param dedupeKey the item's saga key (one item per effect, see {@link Outbox#enqueueClaimed}), or null
 * @param leaseHolder the instance holding the lease, or null
 */
public record OutboxItem(long id, String kind, String payload, int completedSteps, String stepState,
        int attempts, String leaseToken, Instant leaseExpiresAt, boolean done, Instant createdAt,
        String dedupeKey, String leaseHolder) {

    /** The step state, if a step recorded one. */
    public Optional<String> state() {
        return Optional.ofNullable(stepState);
    }
}
