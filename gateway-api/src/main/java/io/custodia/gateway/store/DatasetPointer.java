package io.custodia.gateway.store;

import java.util.Objects;

/**
 * Where a registered dataset is stored and which institution owns it. Dataset-level pointers are
 * not personal and are stored in clear; per-subject pointers are {@link SubjectItems}.
 */
public record DatasetPointer(String datasetId, String storageUri, String ownerInstitution) {
    /** Checks every component is present. */
    public DatasetPointer {
        Checks.nonBlank(datasetId, "datasetId");
        Checks.nonBlank(storageUri, "storageUri");
        Checks.nonBlank(ownerInstitution, "ownerInstitution");
    }

    @Override
    public String toString() {
        return "DatasetPointer[" + datasetId + ", owner=" + Objects.toString(ownerInstitution) + "]";
    }
}
