package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The result of re-verifying a custody chain: valid or not, how many hops are stored, and for an
 * invalid chain the first offending sequence (absent when only the stored head disagrees) and a
 * reason token ({@code signature-invalid}, {@code sequence-mismatch}, {@code previous-hop-hash-mismatch},
 * {@code content-hash-mismatch}, {@code sender-not-holder}, {@code key-unknown},
 * {@code hop-hash-mismatch}, {@code dataset-mismatch}, {@code head-mismatch}).
 */
public final class ChainVerification {
    private final String datasetId;
    private final boolean valid;
    private final long hopCount;
    private final Long firstInvalidSequence;
    private final String reason;

    @JsonCreator
    public ChainVerification(final String datasetId, final boolean valid, final long hopCount,
            final Long firstInvalidSequence, final String reason) {
        this.datasetId = datasetId;
        this.valid = valid;
        this.hopCount = hopCount;
        this.firstInvalidSequence = firstInvalidSequence;
        this.reason = reason;
    }

    static ChainVerification valid(final String datasetId, final long hopCount) {
        return new ChainVerification(datasetId, true, hopCount, null, null);
    }

    static ChainVerification invalid(final String datasetId, final long hopCount, final Long sequence, final String reason) {
        return new ChainVerification(datasetId, false, hopCount, sequence, reason);
    }

    public String datasetId() {
        return datasetId;
    }

    public boolean valid() {
        return valid;
    }

    public long hopCount() {
        return hopCount;
    }

    /** Sequence of the first hop that fails, or null. */
    public Long firstInvalidSequence() {
        return firstInvalidSequence;
    }

    /** Reason token, or null for a valid chain. */
    public String reason() {
        return reason;
    }
}
