package io.custodia.chaincode.erasure;

import com.fasterxml.jackson.annotation.JsonCreator;

/** An erasure receipt as stored: the erasure, when it was recorded (transaction time), by whom, in which transaction. */
public final class ErasureReceipt {
    private final Erasure erasure;
    private final String erasedAt;
    private final String recordedBy;
    private final String txId;

    @JsonCreator
    public ErasureReceipt(final Erasure erasure, final String erasedAt, final String recordedBy, final String txId) {
        this.erasure = erasure;
        this.erasedAt = erasedAt;
        this.recordedBy = recordedBy;
        this.txId = txId;
    }

    public String receiptId() {
        return erasure.receiptId();
    }

    public Erasure erasure() {
        return erasure;
    }

    public String erasedAt() {
        return erasedAt;
    }

    /** MSP ID of the institution that destroyed the pointers. */
    public String recordedBy() {
        return recordedBy;
    }

    public String txId() {
        return txId;
    }
}
