package io.custodia.gateway.store;

import java.time.Instant;

/**
 * The per-subject disclosure index: which access events handed out a subject's pointers. It is the
 * only per-subject trail: the ledger's access events commit to the subjects they released by count
 * and Merkle root, without a key per subject.
 *
 * <p>Stored by released set: the subjects an event released are kept once per distinct set (keyed by
 * their Merkle root), and each event adds one row naming its set, so recording costs the same however
 * many subjects an event released; a subject's trail is the events of the sets it belongs to.
 */
public interface DisclosureIndex {
    /**
     * Records {@code event} and the subjects it released. An event recorded already stays as it was
     * first recorded, so a retried access flow adds nothing.
     */
    void record(DisclosedEvent event);

    /**
     * One page of the subject's disclosures, oldest first, with decision time in {@code [from, to)}
     * (null bounds are open), after {@code after} (null: from the start), at most {@code pageSize},
     * with the copies of their events.
     */
    DisclosurePage page(String subjectRef, Instant from, Instant to, int pageSize, DisclosureCursor after);
}
