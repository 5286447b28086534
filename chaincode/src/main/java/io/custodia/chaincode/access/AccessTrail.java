package io.custodia.chaincode.access;

import io.custodia.canonical.RawJson;
import io.custodia.chaincode.support.Args;
import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.Fields;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.time.Instant;
import java.util.List;
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

    /** Writes the event and its indexes; the subject index only for released subjects. */
    public void record(final AccessEvent event, final long epochMillis, final List<String> releasedSubjects) {
        final String ts = StateKey.fixedWidth(epochMillis);
        final String id = event.eventId();
        state.put(StateKey.of(KeyType.ACCESS_EVENT, id), event);
        state.putIndex(StateKey.of(KeyType.ACCESS_BY_DATASET, event.datasetId(), ts, id));
        state.putIndex(StateKey.of(KeyType.ACCESS_BY_REQUESTER, event.requester(), ts, id));
        for (final String subject : releasedSubjects) {
            state.putIndex(StateKey.of(KeyType.ACCESS_BY_SUBJECT, subject, ts, id));
        }
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
        return state.page(start, end, pageSize, bookmark).map(kv -> state.getRaw(StateKey.of(KeyType.ACCESS_EVENT, kv.getStringValue()))
                .orElseThrow(() -> new IllegalStateException("index " + type + " points at missing access event " + kv.getStringValue())));
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
