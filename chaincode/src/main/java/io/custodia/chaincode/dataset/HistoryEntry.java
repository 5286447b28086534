package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;

/** One committed version of a dataset record: the transaction that wrote it, when, and the value. */
public final class HistoryEntry {
    private final String txId;
    private final String timestamp;
    private final boolean isDelete;
    private final DatasetRecord record;

    @JsonCreator
    public HistoryEntry(final String txId, final String timestamp, final boolean isDelete, final DatasetRecord record) {
        this.txId = txId;
        this.timestamp = timestamp;
        this.isDelete = isDelete;
        this.record = record;
    }

    public String txId() {
        return txId;
    }

    /** The proposal timestamp of the writing transaction (client-chosen on Fabric; see FABRIC-NOTES). */
    public String timestamp() {
        return timestamp;
    }

    public boolean isDelete() {
        return isDelete;
    }

    /** The record as written, or null for a delete. */
    public DatasetRecord record() {
        return record;
    }
}
