package io.custodia.chaincode.dataset;

import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Dataset records and their subject sets in world state. Other contracts read datasets only through this. */
public final class DatasetRepository {
    private final State state;

    public DatasetRepository(final State state) {
        this.state = state;
    }

    public Optional<DatasetRecord> find(final String datasetId) {
        return state.getImmutable(StateKey.of(KeyType.DATASET, datasetId), DatasetRecord.class);
    }

    /** The dataset, or {@link ErrorCode#NOT_FOUND}. */
    public DatasetRecord require(final String datasetId) {
        return find(datasetId).orElseThrow(() -> ErrorCode.NOT_FOUND.exception("dataset " + datasetId + " does not exist"));
    }

    public boolean exists(final String datasetId) {
        return state.exists(StateKey.of(KeyType.DATASET, datasetId));
    }

    public void save(final DatasetRecord record) {
        state.put(StateKey.of(KeyType.DATASET, record.datasetId()), record);
    }

    /**
     * Records the dataset's subjects, sorted: one index key each (for paging them) and the whole list
     * under one key (for access decisions).
     */
    public void addSubjects(final String datasetId, final List<String> sortedSubjectRefs) {
        for (final String subjectRef : sortedSubjectRefs) {
            state.putIndex(StateKey.of(KeyType.DATASET_SUBJECT, datasetId, subjectRef));
        }
        state.put(StateKey.of(KeyType.DATASET_SUBJECT_LIST, datasetId), new SubjectList(sortedSubjectRefs));
    }

    /** Records that {@code child} was derived from {@code parent}. */
    public void addChild(final String parent, final String child) {
        state.putIndex(StateKey.of(KeyType.LINEAGE_CHILD, parent, child));
    }

    /** IDs of the datasets derived directly from {@code parent}, sorted. */
    public List<String> children(final String parent) {
        return state.scan(StateKey.of(KeyType.LINEAGE_CHILD, parent)).stream()
                .map(kv -> kv.getStringValue())
                .collect(Collectors.toList());
    }

    /** Subject references of the dataset, sorted: one key read, or a scan for datasets registered without the list. */
    public List<String> subjects(final String datasetId) {
        final Optional<SubjectList> list = state.getImmutable(StateKey.of(KeyType.DATASET_SUBJECT_LIST, datasetId), SubjectList.class);
        if (list.isPresent()) {
            return list.get().subjects();
        }
        return state.scan(StateKey.of(KeyType.DATASET_SUBJECT, datasetId)).stream()
                .map(kv -> kv.getStringValue())
                .collect(Collectors.toList());
    }
}
