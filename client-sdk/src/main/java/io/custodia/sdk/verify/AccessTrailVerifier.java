package io.custodia.sdk.verify;

import io.custodia.sdk.client.AccessEvent;
import java.util.List;

/**
 * Checks an access trail from the API's answers without trusting the gateway's arithmetic. What the
 * answers allow to be checked, and what they do not:
 *
 * <ul>
 *   <li>every event has an eventId, datasetId, requester, a decision of PERMIT or DENY, a parseable
 *       {@code decidedAt} and a txId; no eventId appears twice; events are in non-decreasing
 *       {@code decidedAt} order (the ledger's indexes are time-ordered);</li>
 *   <li>each event matches the query it was listed for (dataset or requesting institution, time range
 *       {@code [from, to)}); a {@code subjectRef} selector cannot be checked, since events never name subjects;</li>
 *   <li>the embedded request names the event's dataset, purpose and (as request ID) the event ID;</li>
 *   <li>counts agree with the decision: released ≤ considered, a DENY releases nobody and carries the
 *       root of the empty set, a PERMIT releases at least one subject;</li>
 *   <li>{@code releasedSubjectsRoot} is recomputed ({@code MerkleTree.rootOfStringSet}) only where the
 *       released set is known from elsewhere (see {@link TrailExpectations#withReleased}) and compared
 *       with the count. For any other event the root is a commitment that cannot be opened from the
 *       answers: who was released stays hidden, by design.</li>
 * </ul>
 *
 * <p>Not checkable from the answers: that the trail is complete (an omitted event leaves no gap —
 * whole-ledger verification covers that), that the decision was right under the consents in force, and
 * that {@code txId} is in a valid block.
 *
 * <pre>{@code
 * TrailVerification v = AccessTrailVerifier.create().verify(client.audit().fullTrail(q), TrailExpectations.forQuery(q));
 * if (!v.consistent()) System.out.println(v.describe());
 * }</pre>
 */
public interface AccessTrailVerifier {
    static AccessTrailVerifier create() {
        return new DefaultAccessTrailVerifier();
    }

    /** Checks {@code events} in the given order; reports every finding, not only the first. */
    TrailVerification verify(List<AccessEvent> events, TrailExpectations expectations);
}
