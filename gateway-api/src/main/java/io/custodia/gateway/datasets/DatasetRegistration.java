package io.custodia.gateway.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.dataset.DatasetDescriptor;
import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.gateway.datasets.RegistrationCheck.ValidRegistration;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.outbox.OutboxOperation;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.outbox.OutboxStepFailure;
import io.custodia.gateway.outbox.StepContext;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.Outbox;
import io.custodia.gateway.store.SubjectItems;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a dataset as outbox kind {@value #KIND}: pointers and salts go into the off-chain store
 * (encrypted per subject) in ONE store transaction with the item, already leased by the request; the
 * item's single step then commits the descriptor and subject pseudonyms on-chain (inline) or only
 * reconciles (on resume). Whenever no registration of this request is on the ledger, the step deletes
 * the off-chain rows again, so a failed request leaves nothing behind, not even across a crash: a
 * process killed between the two writes leaves an item that the next process (which takes over its
 * lease at start) resolves — kept if the ledger has the dataset, undone if not.
 *
 * <p>One item per dataset id (saga key {@code register-dataset:<datasetId>}): a retry with the same
 * Idempotency-Key joins the first attempt's item while it is pending, and a retry after it committed
 * answers the committed record from the ledger instead of 409 (the first answer may have been lost).
 *
 * <p>Payload: {@code {datasetId, institution, function, descriptor}} — no subject reference: the
 * pseudonyms are read back from the store's items of the dataset.
 */
final class DatasetRegistration {
    static final String KIND = "register-dataset";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetRegistration.class);

    private final LedgerClient ledger;
    private final OffChainStore store;
    private final OutboxRunner outbox;

    DatasetRegistration(final LedgerClient ledger, final OffChainStore store, final OutboxRunner outbox) {
        this.ledger = ledger;
        this.store = store;
        this.outbox = outbox;
    }

    /** The outbox operation to register with the runner (once per runner). */
    OutboxOperation operation() {
        return new OutboxOperation(KIND, List.of(this::commitOrReconcile));
    }

    /** The committed dataset record and the transaction that registered it. */
    record Registered(JsonNode record, String txId) {}

    static String key(final String datasetId) {
        return KIND + ":" + datasetId;
    }

    /**
     * @param retry whether the request is a retry-safe one (it carries an Idempotency-Key): then a
     *     registration of exactly this descriptor by this institution already on the ledger is answered
     *     as committed instead of 409
     */
    Registered register(final LedgerCaller caller, final ValidRegistration registration, final boolean retry)
            throws LedgerException {
        try {
            return attempt(caller, registration, retry);
        } catch (Undone joinedAndUndone) {
            // The retry joined its first attempt's item, which was resolved as "never committed" and its
            // rows deleted: nothing of it is left, so this request registers afresh (once).
            return attempt(caller, registration, retry);
        }
    }

    /** A joined item that ended by undoing its rows. */
    private static final class Undone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Undone() {
            super(null, null, false, false);
        }
    }

    private Registered attempt(final LedgerCaller caller, final ValidRegistration registration, final boolean retry)
            throws LedgerException {
        final String datasetId = registration.descriptor().datasetId();
        final ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("datasetId", datasetId);
        payload.put("institution", caller.mspId());
        payload.put("function", registration.descriptor().derivation() == null
                ? "datasets:RegisterDataset" : "datasets:RegisterDerivedDataset");
        payload.set("descriptor", LedgerJson.tree(CanonicalJson.toBytes(registration.descriptor())));
        final String key = key(datasetId);
        final Optional<Outbox.Enqueued> item = store.inTransaction(tx -> {
            if (tx.datasets().find(datasetId).isPresent()) {
                // Pointers exist only for datasets this gateway registered or is registering: join a
                // pending attempt of the same request, else the ID is taken (or ours, see below).
                final boolean running = tx.outbox().findByKey(key).filter(i -> !i.done()).isPresent();
                return running && retry ? Optional.of(outbox.enqueue(tx, KIND, payload, key)) : Optional.<Outbox.Enqueued>empty();
            }
            tx.outbox().forgetDone(key);
            tx.datasets().put(new DatasetPointer(datasetId, registration.storageUri(), caller.mspId()));
            for (final SubjectItems items : registration.items()) {
                tx.items().put(items);
            }
            return Optional.of(outbox.enqueue(tx, KIND, payload, key));
        });
        if (item.isPresent() && CanonicalJson.toString(payload).equals(item.get().item().payload())) {
            final boolean joined = !item.get().created();
            final ObjectNode state;
            try {
                state = OutboxStepFailure.unwrapping(() -> outbox.run(item.get()));
            } catch (LedgerException | RuntimeException e) {
                if (joined && store.datasets().find(datasetId).isEmpty()) {
                    throw new Undone();
                }
                throw e;
            }
            if (joined && state.path("undone").asBoolean()) {
                throw new Undone();
            }
            if (state.hasNonNull("record")) {
                LOG.info("dataset {} registered by {} in tx {}", datasetId, caller.mspId(), state.path("txId").asText());
                return new Registered(state.get("record"), state.path("txId").asText());
            }
        }
        final Optional<JsonNode> committed = retry ? ours(caller, datasetId, payload) : Optional.empty();
        if (committed.isEmpty()) {
            throw ApiException.conflict("already-exists", "dataset " + datasetId + " already exists");
        }
        return new Registered(committed.get(), committed.get().path("registeredTxId").asText());
    }

    private void commitOrReconcile(final StepContext step) throws LedgerException {
        final JsonNode payload = step.payload();
        final String datasetId = payload.path("datasetId").asText();
        final LedgerCaller caller = LedgerCaller.institution(payload.path("institution").asText());
        LedgerException failure = null;
        if (!step.resumed()) {
            try {
                final List<String> subjectRefs = store.items().subjectsOf(datasetId);
                final Committed committed = ledger.submit(caller, payload.path("function").asText(),
                        CanonicalJson.toString(payload.path("descriptor")), CanonicalJson.toString(subjectRefs));
                step.state().set("record", LedgerJson.tree(committed.payload()));
                step.state().put("txId", committed.txId());
                return;
            } catch (LedgerException.Rejected refused) {
                // ALREADY_EXISTS may be this request's own earlier commit (its answer lost): checked below.
                failure = refused;
            } catch (LedgerException.CommitPending pending) {
                // Submitted, not committed yet (Fabric): undoing now could leave the dataset on the ledger
                // without pointers. The item stays pending; a later pass finds it committed or not.
                throw pending;
            } catch (LedgerException unknownOutcome) {
                failure = unknownOutcome;
            }
        }
        final Optional<JsonNode> onChain = ours(caller, datasetId, payload);
        final boolean refusedOutright = failure instanceof LedgerException.Rejected r && !"ALREADY_EXISTS".equals(r.code());
        if (onChain.isPresent() && !refusedOutright) {
            step.state().set("record", onChain.get());
            step.state().put("txId", onChain.get().path("registeredTxId").asText());
            return;
        }
        if (onChain.isEmpty()) {
            // Compensation: no registration of this request is on the ledger, so its rows must not stay.
            store.datasets().delete(datasetId);
            step.state().put("undone", true);
        }
        throw new OutboxStepFailure(failure != null ? failure
                : new LedgerException.Rejected("NOT_FOUND", "the registration of dataset " + datasetId + " did not commit"));
    }

    /** The dataset on the ledger if it is exactly this registration: same owner, same descriptor. */
    private Optional<JsonNode> ours(final LedgerCaller caller, final String datasetId, final JsonNode payload)
            throws LedgerException {
        final byte[] raw;
        try {
            raw = ledger.evaluate(caller, "datasets:GetDataset", datasetId);
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code()) || "NOT_OWNER".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
        final DatasetRecord record = CanonicalJson.parse(raw, DatasetRecord.class);
        final String requested = CanonicalJson.toString(CanonicalJson.parse(
                CanonicalJson.toString(payload.path("descriptor")), DatasetDescriptor.class));
        return record.owner().equals(payload.path("institution").asText())
                && CanonicalJson.toString(record.descriptor()).equals(requested)
                ? Optional.of(LedgerJson.tree(raw)) : Optional.empty();
    }
}
