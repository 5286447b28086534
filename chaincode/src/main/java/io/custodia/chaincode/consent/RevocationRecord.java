package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A revocation as recorded: who revoked, when (transaction time), in which transaction, through which institution. */
public final class RevocationRecord {
    private final Actor by;
    private final String revokedAt;
    private final String txId;
    private final String recordedBy;

    @JsonCreator
    public RevocationRecord(final Actor by, final String revokedAt, final String txId, final String recordedBy) {
        this.by = by;
        this.revokedAt = revokedAt;
        this.txId = txId;
        this.recordedBy = recordedBy;
    }

    public Actor by() {
        return by;
    }

    public String revokedAt() {
        return revokedAt;
    }

    public String txId() {
        return txId;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
