package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An access event that handed out pointers: the event as the ledger returned it ({@code canonicalEvent})
 * and the subjects whose pointers it handed out, identified by {@code subjectsRoot}, the RFC 6962 root
 * of their refs ({@link MerkleTree#rootOfStringSet}).
 */
public record DisclosedEvent(String eventId, String datasetId, String requesterInstitution, String purpose,
        Instant decidedAt, String canonicalEvent, SortedSet<String> subjectRefs, String subjectsRoot) {
    /** Checks every component is present and the subjects are subjectRefs. */
    public DisclosedEvent {
        Checks.nonBlank(eventId, "eventId");
        Checks.nonBlank(datasetId, "datasetId");
        Checks.nonBlank(requesterInstitution, "requesterInstitution");
        Checks.nonBlank(purpose, "purpose");
        Checks.notNull(decidedAt, "decidedAt");
        Checks.nonBlank(canonicalEvent, "canonicalEvent");
        Checks.notNull(subjectRefs, "subjectRefs");
        if (subjectRefs.isEmpty()) {
            throw new IllegalArgumentException("subjectRefs must not be empty");
        }
        subjectRefs.forEach(Checks::subjectRef);
        subjectRefs = Collections.unmodifiableSortedSet(new TreeSet<>(subjectRefs));
        Checks.notNull(subjectsRoot, "subjectsRoot");
        if (!Hashes.isSha256Hex(subjectsRoot)) {
            throw new IllegalArgumentException("subjectsRoot must be 64 lower-case hex digits");
        }
        // Millisecond precision is what both dialects store.
        decidedAt = Instant.ofEpochMilli(decidedAt.toEpochMilli());
    }

    /** The event releasing {@code subjectRefs}, their root computed here. */
    public static DisclosedEvent of(final String eventId, final String datasetId, final String requesterInstitution,
            final String purpose, final Instant decidedAt, final String canonicalEvent,
            final Collection<String> subjectRefs) {
        return new DisclosedEvent(eventId, datasetId, requesterInstitution, purpose, decidedAt, canonicalEvent,
                new TreeSet<>(subjectRefs), MerkleTree.rootOfStringSet(subjectRefs));
    }
}
