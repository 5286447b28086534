package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A dataset in a lineage graph: its ID, owner, status and content hash (Merkle root). */
public final class LineageNode {
    private final String datasetId;
    private final String owner;
    private final DatasetStatus status;
    private final String contentHash;

    @JsonCreator
    public LineageNode(final String datasetId, final String owner, final DatasetStatus status, final String contentHash) {
        this.datasetId = datasetId;
        this.owner = owner;
        this.status = status;
        this.contentHash = contentHash;
    }

    static LineageNode of(final DatasetRecord record) {
        return new LineageNode(record.datasetId(), record.owner(), record.status(), record.descriptor().contentHash().root());
    }

    public String datasetId() {
        return datasetId;
    }

    public String owner() {
        return owner;
    }

    public DatasetStatus status() {
        return status;
    }

    public String contentHash() {
        return contentHash;
    }
}
