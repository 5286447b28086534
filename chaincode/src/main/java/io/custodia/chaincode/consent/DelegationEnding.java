package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;

/** When and in which transaction a delegation was ended. */
public final class DelegationEnding {
    private final String endedAt;
    private final String txId;

    @JsonCreator
    public DelegationEnding(final String endedAt, final String txId) {
        this.endedAt = endedAt;
        this.txId = txId;
    }

    public String endedAt() {
        return endedAt;
    }

    public String txId() {
        return txId;
    }
}
