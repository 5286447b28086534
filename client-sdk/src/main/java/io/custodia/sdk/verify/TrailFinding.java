package io.custodia.sdk.verify;

import java.util.Objects;

/**
 * One inconsistency found in an access trail.
 *
 * <pre>{@code
 * verification.findings().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 *
 * @param index zero-based position of the event in the trail
 * @param eventId the event's ID (may be empty when the event has none)
 * @param check which check failed
 * @param detail what was found against what was expected
 */
public record TrailFinding(int index, String eventId, Check check, String detail) {
    /** The checks {@link AccessTrailVerifier} applies to each event. */
    public enum Check {
        /** eventId, datasetId, requester, decision, decidedAt or txId is missing or malformed. */
        MISSING_FIELD,
        /** The same eventId appears twice. */
        DUPLICATE_EVENT,
        /** decidedAt is earlier than the previous event's. */
        OUT_OF_ORDER,
        /** The event does not match the query it was listed for (selector or time range). */
        OUTSIDE_QUERY,
        /** The embedded request names another dataset or purpose than the event. */
        REQUEST_MISMATCH,
        /** Counts contradict the decision: released above considered, a DENY releasing, a PERMIT releasing none. */
        INCONSISTENT_COUNTS,
        /** releasedSubjectsRoot is not the root of the known released subjects (or of the empty set on a DENY). */
        ROOT_MISMATCH
    }

    public TrailFinding {
        eventId = eventId == null ? "" : eventId;
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
    }

    public String describe() {
        return "event " + index + (eventId.isEmpty() ? "" : " (" + eventId + ")") + ": " + check + ": " + detail;
    }
}
