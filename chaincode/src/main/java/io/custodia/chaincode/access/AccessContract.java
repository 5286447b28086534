package io.custodia.chaincode.access;

import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.ConsentRepository;
import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.chaincode.dataset.DatasetRepository;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.Caller;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Role;
import io.custodia.chaincode.support.SetRoots;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import io.custodia.chaincode.support.Tx;
import io.custodia.canonical.RawJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Access decisions and trails.
 *
 * <p>{@code RequestAccess}: role {@code institution}; the requester is the caller's organisation.
 * Every well-formed request for an existing dataset records an event, PERMIT or DENY.
 *
 * <p>Trails are readable by auditors, and otherwise: by dataset, by the dataset's owner; by
 * requester, by that requester itself. There is no trail by subject on the ledger: an event commits
 * to the subjects it released with their count and Merkle root, and the gateway that hands out their
 * pointers keeps the per-subject disclosure index off-chain.
 *
 * <p>{@code RecordDelivery}: the dataset owner's receipt that it handed a PERMIT's released subjects
 * (count and Merkle root, never pointers) to the requester; one per event, a repeat returns the first.
 * {@code ListUndeliveredPermits} finds the PERMITs of a dataset that have none.
 */
@Contract(name = "access", info = @Info(title = "Custodia access decisions", version = "1"))
public final class AccessContract implements ContractInterface {

    /**
     * Decides an access request and records the event.
     *
     * @param requestJson an {@link AccessRequest}
     * @return an {@link AccessDecision}: the event and the released subject references
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RequestAccess(final Context ctx, final String requestJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final AccessRequest request = Args.parse(requestJson, AccessRequest.class);
        final State state = new State(ctx.getStub());
        final AccessTrail trail = new AccessTrail(state);
        if (trail.exists(request.requestId())) {
            throw ErrorCode.ALREADY_EXISTS.exception("access request " + request.requestId() + " was already decided");
        }
        final DatasetRepository datasets = new DatasetRepository(state);
        final DatasetRecord dataset = datasets.require(request.datasetId());
        final Instant now = Tx.time(ctx);
        final String requester = caller.mspId();

        final Assessment assessment = DatasetPolicy.assess(dataset, request, requester, now);
        List<String> subjects = List.of();
        List<String> released = List.of();
        List<String> reasons = assessment.reasons();
        if (assessment.passes()) {
            subjects = datasets.subjects(dataset.datasetId());
            released = new ConsentedSubjects(new ConsentRepository(state))
                    .released(subjects, dataset, requester, request.purpose(), now);
            if (released.isEmpty()) {
                reasons = List.of(DenyReason.NO_CONSENTING_SUBJECTS.name());
            }
        }
        final Decision decision = reasons.isEmpty() ? Decision.PERMIT : Decision.DENY;
        final AccessEvent event = new AccessEvent(
                request.requestId(), dataset.datasetId(), dataset.owner(), requester, request.purpose(), decision,
                reasons, assessment.flags(), decision == Decision.PERMIT ? assessment.obligations() : List.of(),
                subjects.size(), released.size(), SetRoots.rootOfStringSet(released),
                now.toString(), Tx.id(ctx), request);
        final byte[] stored = trail.record(event, now.toEpochMilli());
        Tx.emit(ctx, "AccessDecided", Map.of(
                "eventId", event.eventId(),
                "datasetId", event.datasetId(),
                "requester", requester,
                "decision", decision.name(),
                "subjectsReleased", event.subjectsReleased(),
                "releasedSubjectsRoot", event.releasedSubjectsRoot()));
        return AccessDecision.encode(stored, released);
    }

    /** One access event, for auditors, its requester and the dataset's owner; NOT_FOUND for anyone else too. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetAccessEvent(final Context ctx, final String eventId) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("eventId", eventId));
        final AccessEvent event = new AccessTrail(new State(ctx.getStub())).find(eventId)
                .filter(e -> caller.is(Role.AUDITOR) || caller.mspId().equals(e.requester()) || caller.mspId().equals(e.datasetOwner()))
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("access event " + eventId + " does not exist"));
        return CanonicalJson.toString(event);
    }

    /**
     * Events about a dataset with decision time in {@code [fromIso, toIso)} (empty = unbounded), in time
     * order. Auditors, or the dataset's owner.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetAccessTrailByDataset(final Context ctx, final String datasetId, final String fromIso, final String toIso,
            final String pageSize, final String bookmark) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final State state = new State(ctx.getStub());
        final DatasetRecord dataset = new DatasetRepository(state).require(datasetId);
        if (!caller.is(Role.AUDITOR)) {
            caller.requireOwner(dataset.owner(), "the access trail of dataset " + datasetId);
        }
        return trail(state, KeyType.ACCESS_BY_DATASET, datasetId, fromIso, toIso, pageSize, bookmark);
    }

    /** Events requested by {@code mspId}, in time order. Auditors, or that institution itself. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetAccessTrailByRequester(final Context ctx, final String mspId, final String fromIso, final String toIso,
            final String pageSize, final String bookmark) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.mspId("mspId", mspId));
        if (!caller.is(Role.AUDITOR)) {
            caller.requireOwner(mspId, "the access trail of requester " + mspId);
        }
        return trail(new State(ctx.getStub()), KeyType.ACCESS_BY_REQUESTER, mspId, fromIso, toIso, pageSize, bookmark);
    }

    /**
     * Records that the dataset's owner delivered an access event's released subjects to the requester:
     * only the owner may, only for a PERMIT, only to its requester, and at most the released count (all
     * of them: then the root must be the event's released root). One receipt per event: a repeat, with
     * any counts, writes nothing and returns the first receipt, so a retried delivery never records two.
     *
     * @param deliveryJson a {@link Delivery}
     * @return the stored {@link DeliveryReceipt} (the first one, on a repeat)
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RecordDelivery(final Context ctx, final String deliveryJson) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION);
        final Delivery delivery = Args.parse(deliveryJson, Delivery.class);
        final State state = new State(ctx.getStub());
        final AccessEvent event = new AccessTrail(state).find(delivery.eventId())
                .filter(e -> caller.mspId().equals(e.requester()) || caller.mspId().equals(e.datasetOwner()))
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("access event " + delivery.eventId() + " does not exist"));
        caller.requireOwner(event.datasetOwner(), "the delivery of access event " + event.eventId());
        final StateKey key = StateKey.of(KeyType.DELIVERY, event.eventId());
        final Optional<RawJson> existing = state.getRaw(key);
        if (existing.isPresent()) {
            return existing.get().toString();
        }
        if (event.decision() != Decision.PERMIT) {
            throw ErrorCode.STATE_CONFLICT.exception("access event " + event.eventId() + " is a " + event.decision() + ", nothing was released");
        }
        if (!delivery.recipient().equals(event.requester())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("recipient", "must be the event's requester " + event.requester());
        }
        if (delivery.subjectsDelivered() > event.subjectsReleased()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("subjectsDelivered", "must not exceed the " + event.subjectsReleased() + " subjects released");
        }
        if (delivery.subjectsDelivered() == event.subjectsReleased()
                && !delivery.deliveredSubjectsRoot().equals(event.releasedSubjectsRoot())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("deliveredSubjectsRoot", "must be the event's releasedSubjectsRoot when every released subject is delivered");
        }
        final String now = Tx.time(ctx).toString();
        final DeliveryReceipt receipt = new DeliveryReceipt(delivery, event.datasetId(), event.datasetOwner(),
                event.subjectsReleased(), now, Tx.id(ctx));
        state.put(key, receipt);
        Tx.emit(ctx, "DeliveryRecorded", Map.of(
                "eventId", event.eventId(),
                "datasetId", event.datasetId(),
                "recipient", delivery.recipient(),
                "subjectsDelivered", delivery.subjectsDelivered(),
                "deliveredSubjectsRoot", delivery.deliveredSubjectsRoot()));
        return CanonicalJson.toString(receipt);
    }

    /** The delivery receipt of an access event, for auditors, its requester and the dataset owner; NOT_FOUND when there is none. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDelivery(final Context ctx, final String eventId) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("eventId", eventId));
        final State state = new State(ctx.getStub());
        new AccessTrail(state).find(eventId)
                .filter(e -> caller.is(Role.AUDITOR) || caller.mspId().equals(e.requester()) || caller.mspId().equals(e.datasetOwner()))
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("access event " + eventId + " does not exist"));
        return state.getRaw(StateKey.of(KeyType.DELIVERY, eventId))
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("access event " + eventId + " has no delivery receipt"))
                .toString();
    }

    /**
     * PERMITs of a dataset, decided in {@code [fromIso, toIso)}, that have no delivery receipt: permitted
     * but never delivered. Auditors, or the dataset's owner. The page walks the dataset's trail
     * {@code pageSize} events at a time and keeps the undelivered PERMITs among them, so a page may hold
     * fewer items (even none) while the bookmark is not empty: follow it until it is.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListUndeliveredPermits(final Context ctx, final String datasetId, final String fromIso, final String toIso,
            final String pageSize, final String bookmark) {
        final Caller caller = Caller.requireRole(ctx, Role.INSTITUTION, Role.AUDITOR);
        Args.check(() -> Fields.id("datasetId", datasetId));
        final State state = new State(ctx.getStub());
        final DatasetRecord dataset = new DatasetRepository(state).require(datasetId);
        if (!caller.is(Role.AUDITOR)) {
            caller.requireOwner(dataset.owner(), "the deliveries of dataset " + datasetId);
        }
        final Instant from = AccessTrail.bound("from", fromIso);
        final Instant to = AccessTrail.bound("to", toIso);
        if (from != null && to != null && from.isAfter(to)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("to", "must not be before from");
        }
        final Page<RawJson> events = new AccessTrail(state).page(KeyType.ACCESS_BY_DATASET, datasetId, from, to,
                Args.pageSize(pageSize), bookmark);
        final List<RawJson> undelivered = new ArrayList<>();
        for (final RawJson raw : events.items()) {
            final AccessEvent event = State.decode(datasetId, raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), AccessEvent.class);
            if (event.decision() == Decision.PERMIT && !state.exists(StateKey.of(KeyType.DELIVERY, event.eventId()))) {
                undelivered.add(raw);
            }
        }
        return CanonicalJson.toString(new Page<>(undelivered, events.bookmark()));
    }

    private static String trail(final State state, final KeyType index, final String owner, final String fromIso,
            final String toIso, final String pageSize, final String bookmark) {
        final Instant from = AccessTrail.bound("from", fromIso);
        final Instant to = AccessTrail.bound("to", toIso);
        if (from != null && to != null && from.isAfter(to)) {
            throw ErrorCode.INVALID_ARGUMENT.exception("to", "must not be before from");
        }
        final int size = Args.pageSize(pageSize);
        return CanonicalJson.toString(new AccessTrail(state).page(index, owner, from, to, size, bookmark));
    }
}
