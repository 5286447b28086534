package io.custodia.chaincode.erasure;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;
import java.util.List;

/**
 * An erasure receipt as submitted: the subject, the datasets whose pointers were destroyed (0..{@value
 * #MAX_DATASETS}, stored sorted and distinct), the SHA-256 of the destroyed pointer set, and the
 * revoked consents the erasure follows (0..{@value #MAX_CONSENTS}, optional).
 */
public final class Erasure {
    public static final int MAX_DATASETS = 1000;
    public static final int MAX_CONSENTS = 100;

    private final String receiptId;
    private final String subjectRef;
    private final List<String> datasetIds;
    private final String destroyedPointerSetHash;
    private final List<String> consentIds;

    @JsonCreator
    public Erasure(
            final String receiptId,
            final String subjectRef,
            final List<String> datasetIds,
            final String destroyedPointerSetHash,
            final List<String> consentIds) {
        this.receiptId = Fields.id("receiptId", receiptId);
        this.subjectRef = Fields.subjectRef("subjectRef", subjectRef);
        this.datasetIds = Fields.sortedDistinct("datasetIds", datasetIds, MAX_DATASETS, Fields::id);
        this.destroyedPointerSetHash = Fields.sha256("destroyedPointerSetHash", destroyedPointerSetHash);
        this.consentIds = Fields.sortedDistinct("consentIds", consentIds, MAX_CONSENTS, Fields::id);
    }

    public String receiptId() {
        return receiptId;
    }

    public String subjectRef() {
        return subjectRef;
    }

    /** Sorted dataset IDs (possibly empty). */
    public List<String> datasetIds() {
        return datasetIds;
    }

    public String destroyedPointerSetHash() {
        return destroyedPointerSetHash;
    }

    /** Sorted consent IDs (possibly empty). */
    public List<String> consentIds() {
        return consentIds;
    }
}
