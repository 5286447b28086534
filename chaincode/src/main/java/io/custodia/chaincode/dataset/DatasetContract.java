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

/**
 * Dataset records and their lineage: institutions register, derive and withdraw their own datasets;
 * everyone with a role reads records, listings, history and lineage; subject lists only the owner
 * and auditors.
 */
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

    /**
     * Registers a dataset derived from one or more ACTIVE parents, owned by the caller's organisation.
     *
     * <p>The caller need not own the parents: any institution may derive from any ACTIVE dataset it can
     * read. Whether it was <em>allowed</em> to obtain the parents' data is decided by access requests
     * (the access contract), not here; this transaction only records the lineage truthfully.
     *
     * @param descriptorJson a {@link DatasetDescriptor} with a {@code derivation}
     * @param subjectsJson JSON array of the pseudonymous subject references the dataset holds items of
     * @return the stored {@link DatasetRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterDerivedDataset(final Context ctx, final String descriptorJson, final String subjectsJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final DatasetDescriptor descriptor = Args.parse(descriptorJson, DatasetDescriptor.class);
        final List<String> subjects = parseSubjects(subjectsJson);
        final Derivation derivation = descriptor.derivation();
        if (derivation == null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("derivation", "is required for a derived dataset");
        }
        final State state = new State(ctx.getStub());
        final DatasetRepository datasets = new DatasetRepository(state);
        if (datasets.exists(descriptor.datasetId())) {
            throw ErrorCode.ALREADY_EXISTS.exception("dataset " + descriptor.datasetId() + " already exists");
        }
        for (final String parentId : derivation.parents()) {
            if (!datasets.require(parentId).isActive()) {
                throw ErrorCode.DATASET_WITHDRAWN.exception("parent dataset " + parentId + " has been withdrawn");
            }
        }

        final DatasetRecord record = new DatasetRecord(
                descriptor, caller.mspId(), DatasetStatus.ACTIVE, subjects.size(),
                Tx.time(ctx).toString(), Tx.id(ctx), null);
        store(state, datasets, record, subjects);
        for (final String parentId : derivation.parents()) {
            datasets.addChild(parentId, record.datasetId());
        }
        Tx.emit(ctx, "DerivedDatasetRegistered", Map.of(
                "datasetId", record.datasetId(),
                "owner", record.owner(),
                "contentHash", descriptor.contentHash().root(),
                "parents", derivation.parents(),
                "transformation", derivation.transformation()));
        return CanonicalJson.toString(record);
    }

    /** The dataset record, or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDataset(final Context ctx, final String datasetId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        return CanonicalJson.toString(new DatasetRepository(new State(ctx.getStub())).require(datasetId));
    }

    /**
     * One page of dataset records, withdrawn ones included (with their status) unless the filter says
     * {@code "status":"ACTIVE"}. See {@link DatasetListing} for which index is scanned and why a page
     * may hold fewer than {@code pageSize} items before the last one.
     *
     * @param filterJson a {@link DatasetFilter}: any of {@code owner}, {@code tag}, {@code format}, {@code status}
     * @param pageSize 1..1000
     * @param bookmark "" for the first page, then the previous page's bookmark
     * @return a {@link Page} of {@link DatasetRecord}s
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListDatasets(final Context ctx, final String filterJson, final String pageSize, final String bookmark) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        final DatasetFilter filter = Args.parse(filterJson, DatasetFilter.class);
        final int size = Args.pageSize(pageSize);
        return CanonicalJson.toString(new DatasetListing(new State(ctx.getStub())).list(filter, size, bookmark));
    }

    /**
     * Withdraws an ACTIVE dataset of the caller's organisation: it stays on the ledger, with its
     * history, but takes no more custody hops, derivations or access grants.
     *
     * @param reason a token such as {@code consent-withdrawn} or {@code quality-issue}
     * @return the updated {@link DatasetRecord}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String WithdrawDataset(final Context ctx, final String datasetId, final String reason) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        Args.check(() -> Fields.id("datasetId", datasetId));
        Args.check(() -> Fields.token("reason", reason));
        final DatasetRepository datasets = new DatasetRepository(new State(ctx.getStub()));
        final DatasetRecord current = datasets.require(datasetId);
        caller.requireOwner(current.owner(), "dataset " + datasetId);
        if (!current.isActive()) {
            throw ErrorCode.STATE_CONFLICT.exception("dataset " + datasetId + " is already " + current.status());
        }

        final DatasetRecord withdrawn = current.withdrawn(new Withdrawal(reason, Tx.time(ctx).toString(), Tx.id(ctx)));
        datasets.save(withdrawn);
        Tx.emit(ctx, "DatasetWithdrawn", Map.of("datasetId", datasetId, "owner", current.owner(), "reason", reason));
        return CanonicalJson.toString(withdrawn);
    }

    /**
     * Every committed version of the dataset record, oldest first.
     *
     * @return JSON array of {@link HistoryEntry} ({@code txId, timestamp, isDelete, record})
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDatasetHistory(final Context ctx, final String datasetId) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        new DatasetRepository(new State(ctx.getStub())).require(datasetId);
        return CanonicalJson.toString(new DatasetHistory(ctx.getStub()).of(datasetId));
    }

    /**
     * One page of the dataset's pseudonymous subject references, sorted. Only the owning institution
     * and auditors may read them: pseudonyms are not personal data on their own, but listing which
     * pseudonyms a dataset holds is needed only by the owner (to manage consent and erasure) and
     * auditors, so nobody else gets them.
     *
     * @return a {@link Page} of subject references
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDatasetSubjects(final Context ctx, final String datasetId, final String pageSize, final String bookmark) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final int size = Args.pageSize(pageSize);
        final State state = new State(ctx.getStub());
        final DatasetRecord record = new DatasetRepository(state).require(datasetId);
        if (!caller.is(Role.AUDITOR)) {
            caller.requireOwner(record.owner(), "dataset " + datasetId);
        }
        final StateKey prefix = StateKey.of(KeyType.DATASET_SUBJECT, datasetId);
        return CanonicalJson.toString(
                state.page(prefix, size, bookmark).map(kv -> kv.getStringValue()));
    }

    /**
     * The lineage graph around a dataset, walked breadth-first up to {@code maxDepth} links.
     *
     * @param direction {@code UP} (ancestors), {@code DOWN} (descendants) or {@code BOTH}
     * @param maxDepth 1..16
     * @return a {@link LineageGraph}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetLineage(final Context ctx, final String datasetId, final String direction, final String maxDepth) {
        Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final LineageDirection dir = lineageDirection(direction);
        final int depth = lineageDepth(maxDepth);
        final DatasetRepository datasets = new DatasetRepository(new State(ctx.getStub()));
        final DatasetRecord start = datasets.require(datasetId);
        return CanonicalJson.toString(new LineageWalker(datasets).walk(start, dir, depth));
    }

    private static LineageDirection lineageDirection(final String value) {
        for (final LineageDirection d : LineageDirection.values()) {
            if (d.name().equals(value)) {
                return d;
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("direction", "must be UP, DOWN or BOTH");
    }

    private static int lineageDepth(final String value) {
        final int depth;
        try {
            depth = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("maxDepth", "must be a whole number");
        }
        if (depth < 1 || depth > LineageWalker.MAX_DEPTH) {
            throw ErrorCode.INVALID_ARGUMENT.exception("maxDepth", "must be between 1 and " + LineageWalker.MAX_DEPTH);
        }
        return depth;
    }

    static void store(final State state, final DatasetRepository datasets, final DatasetRecord record, final List<String> subjects) {
        final String id = record.datasetId();
        datasets.save(record);
        state.putIndex(StateKey.of(KeyType.DATASET_BY_OWNER, record.owner(), id));
        state.putIndex(StateKey.of(KeyType.DATASET_BY_FORMAT, record.descriptor().format().name(), id));
        for (final String tag : record.descriptor().contextTags()) {
            state.putIndex(StateKey.of(KeyType.DATASET_BY_TAG, tag, id));
        }
        datasets.addSubjects(id, subjects);
    }

    static List<String> parseSubjects(final String subjectsJson) {
        final String[] raw = Args.parse(subjectsJson, String[].class);
        return Args.check(() -> Fields.sortedDistinct("subjects", List.of(raw), MAX_SUBJECTS, Fields::subjectRef));
    }
}
