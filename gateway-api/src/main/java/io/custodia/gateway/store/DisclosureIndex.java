package io.custodia.gateway.store;

import java.time.Instant;
import java.util.Collection;

/**
 * The per-subject disclosure index: which access events released a subject's data.
 *
 * <p>On SQLite, recording is a queue, not an index insert: an access releasing 100 subjects appends
 * one row, and {@link #mergePending} moves queued events into the per-subject index in bulk (the store
 * does so every few seconds in the background). On PostgreSQL, recording indexes at once and the queue
 * stays empty. Readers and erasure see queued and merged rows alike.
 *
 * <p>It is the only per-subject trail: the ledger's access events commit to the subjects they released
 * by count and Merkle root, without a key per subject.
 */
public interface DisclosureIndex {
    /**
     * Records disclosures, one queued row per access event among them. A row already recorded for the
     * same subject and event is kept as is, so a retried access flow does not duplicate rows.
     */
    void recordAll(Collection<Disclosure> disclosures);

    /**
     * Keeps the access event that released disclosures, as the ledger returned it (canonical JSON), for
     * the subject trails to show. An event kept already stays as it is.
     */
    void recordEvent(String eventId, String canonicalEvent);

    /**
     * One page of the subject's disclosures, queued or merged, oldest first, with decision time in
     * {@code [from, to)} (null bounds are open), after {@code after} (null: from the start), at most
     * {@code pageSize}, with the copies of their events.
     */
    DisclosurePage page(String subjectRef, Instant from, Instant to, int pageSize, DisclosureCursor after);

    /**
     * Moves up to {@code maxEvents} queued events, oldest first, into the per-subject index.
     *
     * @return events moved: fewer than {@code maxEvents} once the queue is empty
     */
    int mergePending(int maxEvents);
}
