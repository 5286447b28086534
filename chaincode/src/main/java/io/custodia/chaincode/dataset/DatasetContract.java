package io.custodia.chaincode.dataset;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.Caller;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.support.Tx;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Dataset records: institutions register and withdraw their own datasets; everyone with a role reads. */
@Contract(name = "datasets", info = @Info(title = "Custodia datasets", version = "1"))
public final class DatasetContract implements ContractInterface {
    /** Most subjects one registration may carry; keeps a transaction's write set bounded. */
    public static final int MAX_SUBJECTS = 10_000;

    /**
     * Registers a dataset owned by the caller's organisation.
     *
     * @param descriptorJson a {@link DatasetDescriptor}
     * @param subjectsJson JSON array of the pseudonymous subject references the dataset holds items of
     * @return the stored {@link DatasetRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterDataset(final Context ctx, final String descriptorJson, final String subjectsJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final DatasetDescriptor descriptor = Args.parse(descriptorJson, DatasetDescriptor.class);
        final List<String> subjects = parseSubjects(subjectsJson);
        final State state = new State(ctx.getStub());
        final DatasetRepository datasets = new DatasetRepository(state);
        if (datasets.exists(descriptor.datasetId())) {
            throw ErrorCode.ALREADY_EXISTS.exception("dataset " + descriptor.datasetId() + " already exists");
        }
        if (descriptor.derivation() != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("derivation", "derived datasets are registered with RegisterDerivedDataset");
        }

        final DatasetRecord record = new DatasetRecord(
                descriptor, caller.mspId(), DatasetStatus.ACTIVE, subjects.size(),
                Tx.time(ctx).toString(), Tx.id(ctx), null);
        store(state, datasets, record, subjects);
        Tx.emit(ctx, "DatasetRegistered", Map.of(
                "datasetId", record.datasetId(),
                "owner", record.owner(),
                "contentHash", descriptor.contentHash().root()));
        return CanonicalJson.toString(record);
    }

    /** The dataset record, or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDataset(final Context ctx, final String datasetId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        return CanonicalJson.toString(new DatasetRepository(new State(ctx.getStub())).require(datasetId));
    }

    static void store(final State state, final DatasetRepository datasets, final DatasetRecord record, final List<String> subjects) {
        final String id = record.datasetId();
        datasets.save(record);
        state.putIndex(StateKey.of(KeyType.DATASET_BY_OWNER, record.owner(), id));
        state.putIndex(StateKey.of(KeyType.DATASET_BY_FORMAT, record.descriptor().format().name(), id));
        for (final String tag : record.descriptor().contextTags()) {
            state.putIndex(StateKey.of(KeyType.DATASET_BY_TAG, tag, id));
        }
        for (final String subject : subjects) {
            datasets.addSubject(id, subject);
        }
    }

    static List<String> parseSubjects(final String subjectsJson) {
        final String[] raw = Args.parse(subjectsJson, String[].class);
        return Args.check(() -> Fields.sortedDistinct("subjects", List.of(raw), MAX_SUBJECTS, Fields::subjectRef));
    }
}
