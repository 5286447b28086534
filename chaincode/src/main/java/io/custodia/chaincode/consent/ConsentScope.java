package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.List;

/**
 * The datasets a consent covers: {@code DATASETS} with 1..{@value #MAX_DATASETS} dataset IDs
 * (sorted, distinct), or {@code INSTITUTION} with the MSP ID whose datasets — present and future —
 * are all covered.
 */
public final class ConsentScope {
    public static final int MAX_DATASETS = 100;

    private final ScopeKind kind;
    private final List<String> datasetIds;
    private final String institution;

    @JsonCreator
    public ConsentScope(final ScopeKind kind, final List<String> datasetIds, final String institution) {
        this.kind = Fields.required("kind", kind);
        if (kind == ScopeKind.DATASETS) {
            if (datasetIds == null || datasetIds.isEmpty()) {
                throw new InvalidJsonException("datasetIds", "a DATASETS scope lists at least one dataset");
            }
            if (institution != null) {
                throw new InvalidJsonException("institution", "only an INSTITUTION scope names an institution");
            }
            this.datasetIds = Fields.sortedDistinct("datasetIds", datasetIds, MAX_DATASETS, Fields::id);
            this.institution = null;
        } else {
            if (datasetIds != null) {
                throw new InvalidJsonException("datasetIds", "only a DATASETS scope lists datasets");
            }
            this.datasetIds = null;
            this.institution = Fields.mspId("institution", institution);
        }
    }

    public ScopeKind kind() {
        return kind;
    }

    /** Sorted dataset IDs for DATASETS; {@code null} otherwise. */
    public List<String> datasetIds() {
        return datasetIds;
    }

    /** The owning institution for INSTITUTION; {@code null} otherwise. */
    public String institution() {
        return institution;
    }

    /** True when the dataset {@code datasetId} owned by {@code owner} is covered. */
    public boolean covers(final String datasetId, final String owner) {
        return kind == ScopeKind.DATASETS
                ? java.util.Collections.binarySearch(datasetIds, datasetId) >= 0
                : institution.equals(owner);
    }
}
