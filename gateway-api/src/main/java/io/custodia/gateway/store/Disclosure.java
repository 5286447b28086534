package io.custodia.gateway.store;

import java.time.Instant;

/**
 * One row of the per-subject disclosure index: the subject's data was released by access event
 * {@code eventId} on {@code datasetId} to {@code requesterInstitution} for {@code purpose}. It
 * answers "who accessed my data" without scanning the ledger.
 */
public record Disclosure(String subjectRef, String eventId, String datasetId, String requesterInstitution,
        String purpose, Instant decidedAt) {
    /** Checks every component is present. */
    public Disclosure {
        Checks.subjectRef(subjectRef);
        Checks.nonBlank(eventId, "eventId");
        Checks.nonBlank(datasetId, "datasetId");
        Checks.nonBlank(requesterInstitution, "requesterInstitution");
        Checks.nonBlank(purpose, "purpose");
        Checks.notNull(decidedAt, "decidedAt");
        // Millisecond precision is what both dialects store.
        decidedAt = Instant.ofEpochMilli(decidedAt.toEpochMilli());
    }
}
