package io.custodia.gateway.store;

import java.util.List;
import java.util.Map;

/**
 * Item pointers of several subjects of one dataset, and the dataset's storage URI, as {@link
 * SubjectItemPointers#pointersOf} read them, and the {@link ItemChangeMark} they were read under:
 * what {@link SubjectItemPointers#current} needs to tell whether any of them may have been deleted or
 * replaced since.
 *
 * @param storageUri the dataset's storage URI, {@code null} when it has no dataset pointer
 * @param bySubject the pointers of each subject that had items; subjects without items are absent
 */
public record PointerRead(String datasetId, String storageUri, Map<String, List<String>> bySubject, long changeMark) {
    public PointerRead {
        Checks.nonBlank(datasetId, "datasetId");
        bySubject = Map.copyOf(Checks.notNull(bySubject, "bySubject"));
    }
}
