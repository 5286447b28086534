package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.duo.DuoTerm;
import java.util.List;

/**
 * One recorded access decision, PERMIT or DENY: who asked for which dataset and why, the outcome with
 * its sorted reasons, flags and obligations, how many subjects were considered and released, and the
 * RFC 6962 Merkle root of the released subject references (so the released set can later be proven
 * without being on the ledger). {@code request} keeps the requester's declarations as submitted.
 */
public final class AccessEvent {
    private final String eventId;
    private final String datasetId;
    private final String datasetOwner;
    private final String requester;
    private final DuoTerm purpose;
    private final Decision decision;
    private final List<String> reasons;
    private final List<String> flags;
    private final List<String> obligations;
    private final long subjectsConsidered;
    private final long subjectsReleased;
    private final String releasedSubjectsRoot;
    private final String decidedAt;
    private final String txId;
    private final AccessRequest request;

    @JsonCreator
    public AccessEvent(
            final String eventId,
            final String datasetId,
            final String datasetOwner,
            final String requester,
            final DuoTerm purpose,
            final Decision decision,
            final List<String> reasons,
            final List<String> flags,
            final List<String> obligations,
            final long subjectsConsidered,
            final long subjectsReleased,
            final String releasedSubjectsRoot,
            final String decidedAt,
            final String txId,
            final AccessRequest request) {
        this.eventId = eventId;
        this.datasetId = datasetId;
        this.datasetOwner = datasetOwner;
        this.requester = requester;
        this.purpose = purpose;
        this.decision = decision;
        this.reasons = List.copyOf(reasons);
        this.flags = List.copyOf(flags);
        this.obligations = List.copyOf(obligations);
        this.subjectsConsidered = subjectsConsidered;
        this.subjectsReleased = subjectsReleased;
        this.releasedSubjectsRoot = releasedSubjectsRoot;
        this.decidedAt = decidedAt;
        this.txId = txId;
        this.request = request;
    }

    /** The request ID. */
    public String eventId() {
        return eventId;
    }

    public String datasetId() {
        return datasetId;
    }

    public String datasetOwner() {
        return datasetOwner;
    }

    /** MSP ID of the requesting institution. */
    public String requester() {
        return requester;
    }

    public DuoTerm purpose() {
        return purpose;
    }

    public Decision decision() {
        return decision;
    }

    /** {@link DenyReason} names, sorted; empty on PERMIT. */
    public List<String> reasons() {
        return reasons;
    }

    /** {@link AccessFlag} names, sorted. */
    public List<String> flags() {
        return flags;
    }

    /** DUO modifier codes the requester is bound by (PUB, COL, RTN, GS), sorted; empty on DENY. */
    public List<String> obligations() {
        return obligations;
    }

    /** Subjects whose consents were evaluated (0 when dataset-level checks denied). */
    public long subjectsConsidered() {
        return subjectsConsidered;
    }

    public long subjectsReleased() {
        return subjectsReleased;
    }

    /** {@code MerkleTree.rootOfStringSet(released subjectRefs)}, hex. */
    public String releasedSubjectsRoot() {
        return releasedSubjectsRoot;
    }

    public String decidedAt() {
        return decidedAt;
    }

    public String txId() {
        return txId;
    }

    public AccessRequest request() {
        return request;
    }
}
