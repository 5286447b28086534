package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A recorded hop: what the sender submitted, its hop hash, and the transaction that recorded it. */
public final class CustodyHopRecord {
    private final CustodyHop hop;
    private final String hopHash;
    private final String recordedAt;
    private final String txId;

    @JsonCreator
    public CustodyHopRecord(final CustodyHop hop, final String hopHash, final String recordedAt, final String txId) {
        this.hop = hop;
        this.hopHash = hopHash;
        this.recordedAt = recordedAt;
        this.txId = txId;
    }

    public CustodyHop hop() {
        return hop;
    }

    /** {@code CustodyHopStatement.hopHash()}: what the next hop names as its previousHopHash. */
    public String hopHash() {
        return hopHash;
    }

    public String recordedAt() {
        return recordedAt;
    }

    public String txId() {
        return txId;
    }
}
