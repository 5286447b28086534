package io.custodia.chaincode.access;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.RawJson;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Access events and their time-ordered indexes. Index keys are
 * {@code [owner-of-trail, fixedWidth(epochMillis), eventId]} so a time range {@code [from, to)} is a
 * key range: the start bound is the prefix with {@code fixedWidth(from)}, the end bound the prefix with
 * {@code fixedWidth(to)} — every key at millisecond {@code to} extends that bound and sorts after it.
 */
public final class AccessTrail {
    private final State state;

    public AccessTrail(final State state) {
        this.state = state;
    }

    public boolean exists(final String eventId) {
        return state.exists(StateKey.of(KeyType.ACCESS_EVENT, eventId));
    }

    public Optional<AccessEvent> find(final String eventId) {
        return state.get(StateKey.of(KeyType.ACCESS_EVENT, eventId), AccessEvent.class);
    }

    /**
     * Writes the event and its indexes.
     *
     * <p>The dataset and requester trails are covering indexes: their entries hold the event itself,
     * so reading a 100-row page is one range scan instead of a scan plus 100 point reads (those reads
     * were half of a trail request's CPU). Two more copies of a ~1 KB immutable event per request is
     * the price.
     *
     * <p>Which subjects were released is not indexed here: the event commits to them with its count
     * and Merkle root, and the per-subject index lives off-chain in the gateway's store, as the design
     * puts it. One ledger key per released subject (and its history entry) was ~80% of the bytes a
     * 100-subject PERMIT wrote and made PERMITs 1.3x slower (docs/benchmarks.md).
     *
     * @return the event as stored (its canonical JSON), which the decision's answer embeds
     */
    public byte[] record(final AccessEvent event, final long epochMillis) {
        final String ts = StateKey.fixedWidth(epochMillis);
        final String id = event.eventId();
        final byte[] stored = CanonicalJson.toBytes(event);
        state.putEncoded(StateKey.of(KeyType.ACCESS_EVENT, id), stored);
        state.putEncoded(StateKey.of(KeyType.ACCESS_BY_DATASET, event.datasetId(), ts, id), stored);
        state.putEncoded(StateKey.of(KeyType.ACCESS_BY_REQUESTER, event.requester(), ts, id), stored);
        return stored;
    }

    /**
     * Events under {@code type [owner]} with decision time in {@code [from, to)}, in time order; null
     * bounds are open. The events are returned as stored (trail pages are the hottest read: 100 events
     * parsed and re-encoded per page cost several times the reads themselves).
     */
    public Page<RawJson> page(final KeyType type, final String owner, final Instant from, final Instant to,
            final int pageSize, final String bookmark) {
        final StateKey prefix = StateKey.of(type, owner);
        final String start = from == null ? prefix.rangeStart() : StateKey.of(type, owner, StateKey.fixedWidth(from.toEpochMilli())).encoded();
        final String end = to == null ? prefix.rangeEnd() : StateKey.of(type, owner, StateKey.fixedWidth(to.toEpochMilli())).encoded();
        return state.page(start, end, pageSize, bookmark).map(kv -> event(type, kv.getValue()));
    }

    /** An index entry's event: held by a covering entry, else looked up by the event ID the entry holds. */
    private RawJson event(final KeyType type, final byte[] entry) {
        if (entry.length > 0 && entry[0] == '{') {
            return RawJson.of(entry);
        }
        final String eventId = new String(entry, StandardCharsets.UTF_8);
        return state.getRaw(StateKey.of(KeyType.ACCESS_EVENT, eventId))
                .orElseThrow(() -> new IllegalStateException("index " + type + " points at missing access event " + eventId));
    }

    /** Parses an optional bound: empty means unbounded ({@code null}). */
    static Instant bound(final String field, final String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        final Instant instant = Args.check(() -> Fields.instant(field, value));
        final long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception(field, "is out of range");
        }
        if (millis < 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception(field, "must not be before 1970-01-01T00:00:00Z");
        }
        return instant;
    }
}
