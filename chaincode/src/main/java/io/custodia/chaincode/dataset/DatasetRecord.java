package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A dataset as stored on the ledger: its descriptor, its owner and its lifecycle.
 *
 * <p>Deeply immutable (its lists and maps are unmodifiable copies; a withdrawal makes a new record),
 * so {@link DatasetRepository} decodes it through the shared memo: every access request reads its
 * dataset, and decoding the record each time was 2% of a PERMIT's CPU.
 */
public final class DatasetRecord {
    private final DatasetDescriptor descriptor;
    private final String owner;
    private final DatasetStatus status;
    private final long subjectCount;
    private final String registeredAt;
    private final String registeredTxId;
    private final Withdrawal withdrawal;

    @JsonCreator
    public DatasetRecord(
            final DatasetDescriptor descriptor,
            final String owner,
            final DatasetStatus status,
            final long subjectCount,
            final String registeredAt,
            final String registeredTxId,
            final Withdrawal withdrawal) {
        this.descriptor = descriptor;
        this.owner = owner;
        this.status = status;
        this.subjectCount = subjectCount;
        this.registeredAt = registeredAt;
        this.registeredTxId = registeredTxId;
        this.withdrawal = withdrawal;
    }

    public DatasetRecord withdrawn(final Withdrawal w) {
        return new DatasetRecord(descriptor, owner, DatasetStatus.WITHDRAWN, subjectCount, registeredAt, registeredTxId, w);
    }

    public String datasetId() {
        return descriptor.datasetId();
    }

    public DatasetDescriptor descriptor() {
        return descriptor;
    }

    /** MSP ID of the registering institution. */
    public String owner() {
        return owner;
    }

    public DatasetStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == DatasetStatus.ACTIVE;
    }

    public long subjectCount() {
        return subjectCount;
    }

    public String registeredAt() {
        return registeredAt;
    }

    public String registeredTxId() {
        return registeredTxId;
    }

    /** The withdrawal, or {@code null} while active. */
    public Withdrawal withdrawal() {
        return withdrawal;
    }
}
