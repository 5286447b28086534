package io.custodia.sdk.client;

import java.util.List;

/**
 * One recorded access decision, PERMIT or DENY, as the ledger holds it. It never names subjects: only
 * how many were considered and released, and {@code releasedSubjectsRoot}, the
 * {@code MerkleTree.rootOfStringSet} of the released subjectRefs (the root of the empty set on a DENY).
 *
 * <pre>{@code
 * AccessEvent e = client.audit().accessEvent("req-1");
 * System.out.println(e.decidedAt() + " " + e.requester() + " " + e.decision() + " " + e.subjectsReleased());
 * }</pre>
 *
 * @param eventId event ID (the request ID)
 * @param datasetId dataset
 * @param datasetOwner dataset owner at decision time
 * @param requester requesting institution
 * @param purpose stated purpose
 * @param decision {@code PERMIT} or {@code DENY}
 * @param reasons deny reasons
 * @param flags warnings such as off-label use
 * @param obligations duties attached to a PERMIT
 * @param subjectsConsidered subjects of the dataset
 * @param subjectsReleased subjects released
 * @param releasedSubjectsRoot Merkle root of the released subjectRefs
 * @param decidedAt ledger time
 * @param txId transaction
 * @param request the request as decided
 */
public record AccessEvent(String eventId, String datasetId, String datasetOwner, String requester, DuoTerm purpose,
        String decision, List<String> reasons, List<String> flags, List<String> obligations, long subjectsConsidered,
        long subjectsReleased, String releasedSubjectsRoot, String decidedAt, String txId, AccessRequest request) {
    public AccessEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        flags = flags == null ? List.of() : List.copyOf(flags);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
    }

    /** Whether access was granted. */
    public boolean permitted() {
        return "PERMIT".equals(decision);
    }

}
