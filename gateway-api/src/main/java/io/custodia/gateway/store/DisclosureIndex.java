package io.custodia.gateway.store;

import java.util.Collection;
import java.util.List;

/**
 * The per-subject disclosure index: which access events released a subject's data.
 *
 * <p>On SQLite, recording is a queue, not an index insert: an access releasing 100 subjects appends
 * one row, and {@link #mergePending} moves queued events into the per-subject index in bulk (the store
 * does so every few seconds in the background). On PostgreSQL, recording indexes at once and the queue
 * stays empty. Readers and erasure see queued and merged rows alike.
 */
public interface DisclosureIndex {
    /**
     * Records disclosures, one queued row per access event among them. A row already recorded for the
     * same subject and event is kept as is, so a retried access flow does not duplicate rows.
     */
    void recordAll(Collection<Disclosure> disclosures);

    /** The subject's disclosures, queued or merged, newest first, at most {@code limit}. */
    List<Disclosure> listForSubject(String subjectRef, int limit);

    /**
     * Moves up to {@code maxEvents} queued events, oldest first, into the per-subject index.
     *
     * @return events moved: fewer than {@code maxEvents} once the queue is empty
     */
    int mergePending(int maxEvents);
}
