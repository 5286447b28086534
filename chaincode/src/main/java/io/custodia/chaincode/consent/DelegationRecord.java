package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;

/** A delegation as stored: the delegation, its status, the registering institution and, once ended, the ending. */
public final class DelegationRecord {
    private final Delegation delegation;
    private final DelegationStatus status;
    private final String recordedBy;
    private final String registeredAt;
    private final String txId;
    private final DelegationEnding ending;

    @JsonCreator
    public DelegationRecord(
            final Delegation delegation,
            final DelegationStatus status,
            final String recordedBy,
            final String registeredAt,
            final String txId,
            final DelegationEnding ending) {
        this.delegation = delegation;
        this.status = status;
        this.recordedBy = recordedBy;
        this.registeredAt = registeredAt;
        this.txId = txId;
        this.ending = ending;
    }

    public DelegationRecord ended(final DelegationEnding e) {
        return new DelegationRecord(delegation, DelegationStatus.ENDED, recordedBy, registeredAt, txId, e);
    }

    /** True when active and {@code time} is inside the validity period. */
    public boolean inForceAt(final Instant time) {
        return status == DelegationStatus.ACTIVE
                && Validity.contains(delegation.validFrom(), delegation.validUntil(), time);
    }

    public String delegationId() {
        return delegation.delegationId();
    }

    public Delegation delegation() {
        return delegation;
    }

    public DelegationStatus status() {
        return status;
    }

    /** MSP ID of the institution whose gateway registered the delegation. */
    public String recordedBy() {
        return recordedBy;
    }

    public String registeredAt() {
        return registeredAt;
    }

    public String txId() {
        return txId;
    }

    /** The ending, or {@code null} while active. */
    public DelegationEnding ending() {
        return ending;
    }
}
