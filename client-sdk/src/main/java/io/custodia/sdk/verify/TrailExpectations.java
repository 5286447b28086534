package io.custodia.sdk.verify;

import io.custodia.sdk.client.AccessEventQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller knows independently of the trail: the query it asked (so every event must match its
 * selector and time range) and, for some events, the exact set of released subjectRefs (from the
 * access-request answer it received, or a patient's own single-subject release), so their
 * {@code releasedSubjectsRoot} can be recomputed.
 *
 * <pre>{@code
 * TrailExpectations e = TrailExpectations.forQuery(AccessEventQuery.byDataset("ds-001"))
 *         .withReleased(result.event().eventId(), result.subjects().stream().map(ReleasedSubject::subjectRef).toList());
 * }</pre>
 */
public final class TrailExpectations {
    private final Optional<AccessEventQuery> query;
    private final Map<String, Set<String>> releasedByEvent;

    private TrailExpectations(final Optional<AccessEventQuery> query, final Map<String, Set<String>> releasedByEvent) {
        this.query = query;
        this.releasedByEvent = Map.copyOf(releasedByEvent);
    }

    /** Nothing known beyond the trail itself. */
    public static TrailExpectations none() {
        return new TrailExpectations(Optional.empty(), Map.of());
    }

    /** Events must match {@code query}'s selector ({@code datasetId}, {@code institution}) and time range. */
    public static TrailExpectations forQuery(final AccessEventQuery query) {
        return new TrailExpectations(Optional.of(Objects.requireNonNull(query, "query")), Map.of());
    }

    /** Adds the known released subjectRefs of one event. */
    public TrailExpectations withReleased(final String eventId, final java.util.Collection<String> subjectRefs) {
        final Map<String, Set<String>> copy = new HashMap<>(releasedByEvent);
        copy.put(Objects.requireNonNull(eventId, "eventId"), Set.copyOf(subjectRefs));
        return new TrailExpectations(query, copy);
    }

    Optional<AccessEventQuery> query() {
        return query;
    }

    Optional<Set<String>> released(final String eventId) {
        return Optional.ofNullable(releasedByEvent.get(eventId));
    }

    Optional<Instant> from() {
        return query.flatMap(AccessEventQuery::from);
    }

    Optional<Instant> to() {
        return query.flatMap(AccessEventQuery::to);
    }
}
