package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The value under {@code DATASET_SUBJECT_LIST [datasetId]}: the dataset's subject references, sorted,
 * as registered — the same set as its {@code DATASET_SUBJECT} keys, in one value. An access decision
 * reads this one key instead of scanning up to {@link DatasetContract#MAX_SUBJECTS} index keys (the
 * scan and its re-check at validation were 7% of a 100-subject PERMIT's CPU).
 */
public final class SubjectList {
    private final List<String> subjects;

    @JsonCreator
    public SubjectList(final List<String> subjects) {
        this.subjects = List.copyOf(subjects);
    }

    public List<String> subjects() {
        return subjects;
    }
}
