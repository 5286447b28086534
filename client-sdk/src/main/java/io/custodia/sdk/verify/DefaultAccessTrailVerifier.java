package io.custodia.sdk.verify;

import io.custodia.canonical.MerkleTree;
import io.custodia.sdk.client.AccessEvent;
import io.custodia.sdk.client.AccessEventQuery;
import io.custodia.sdk.verify.TrailFinding.Check;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class DefaultAccessTrailVerifier implements AccessTrailVerifier {
    private static final String EMPTY_ROOT = MerkleTree.rootOfStringSet(List.of());

    @Override
    public TrailVerification verify(final List<AccessEvent> events, final TrailExpectations expectations) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(expectations, "expectations");
        final List<TrailFinding> findings = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        Instant previous = null;
        int recomputed = 0;
        for (int i = 0; i < events.size(); i++) {
            final AccessEvent event = Objects.requireNonNull(events.get(i), "event " + i);
            final Findings found = new Findings(findings, i, event.eventId());
            fields(event, found);
            if (event.eventId() != null && !seen.add(event.eventId())) {
                found.add(Check.DUPLICATE_EVENT, "eventId " + event.eventId() + " already appeared earlier in the trail");
            }
            final Optional<Instant> decidedAt = instant(event.decidedAt());
            if (decidedAt.isPresent()) {
                if (previous != null && decidedAt.get().isBefore(previous)) {
                    found.add(Check.OUT_OF_ORDER, "decidedAt " + event.decidedAt() + " is before the previous event's " + previous);
                }
                previous = decidedAt.get();
                range(decidedAt.get(), expectations, found);
            }
            expectations.query().ifPresent(q -> selector(event, q, found));
            request(event, found);
            counts(event, found);
            if (rootAgainstKnownSet(event, expectations, found)) {
                recomputed++;
            }
        }
        return new TrailVerification(events.size(), recomputed, findings);
    }

    private static void fields(final AccessEvent e, final Findings found) {
        for (final String[] field : new String[][] {{"eventId", e.eventId()}, {"datasetId", e.datasetId()},
                {"requester", e.requester()}, {"txId", e.txId()}, {"releasedSubjectsRoot", e.releasedSubjectsRoot()}}) {
            if (field[1] == null || field[1].isBlank()) {
                found.add(Check.MISSING_FIELD, field[0] + " is missing");
            }
        }
        if (!"PERMIT".equals(e.decision()) && !"DENY".equals(e.decision())) {
            found.add(Check.MISSING_FIELD, "decision is " + e.decision() + ", expected PERMIT or DENY");
        }
        if (instant(e.decidedAt()).isEmpty()) {
            found.add(Check.MISSING_FIELD, "decidedAt " + e.decidedAt() + " is not an ISO-8601 instant");
        }
    }

    private static void range(final Instant at, final TrailExpectations expectations, final Findings found) {
        expectations.from().filter(at::isBefore)
                .ifPresent(from -> found.add(Check.OUTSIDE_QUERY, "decidedAt " + at + " is before the query's from " + from));
        expectations.to().filter(to -> !at.isBefore(to))
                .ifPresent(to -> found.add(Check.OUTSIDE_QUERY, "decidedAt " + at + " is not before the query's to " + to));
    }

    private static void selector(final AccessEvent e, final AccessEventQuery q, final Findings found) {
        if ("datasetId".equals(q.selector()) && !q.value().equals(e.datasetId())) {
            found.add(Check.OUTSIDE_QUERY, "dataset " + e.datasetId() + " listed for dataset " + q.value());
        }
        if ("institution".equals(q.selector()) && !q.value().equals(e.requester())) {
            found.add(Check.OUTSIDE_QUERY, "requester " + e.requester() + " listed for institution " + q.value());
        }
    }

    private static void request(final AccessEvent e, final Findings found) {
        if (e.request() == null) {
            found.add(Check.MISSING_FIELD, "the decided request is missing");
            return;
        }
        if (!Objects.equals(e.request().datasetId(), e.datasetId())) {
            found.add(Check.REQUEST_MISMATCH, "request names dataset " + e.request().datasetId() + ", event " + e.datasetId());
        }
        if (!Objects.equals(e.request().purpose(), e.purpose())) {
            found.add(Check.REQUEST_MISMATCH, "request purpose " + e.request().purpose().display() + ", event "
                    + (e.purpose() == null ? "none" : e.purpose().display()));
        }
        e.request().requestId().filter(id -> !id.equals(e.eventId()))
                .ifPresent(id -> found.add(Check.REQUEST_MISMATCH, "request ID " + id + " is not the event ID"));
    }

    private static void counts(final AccessEvent e, final Findings found) {
        if (e.subjectsReleased() < 0 || e.subjectsConsidered() < 0 || e.subjectsReleased() > e.subjectsConsidered()) {
            found.add(Check.INCONSISTENT_COUNTS, e.subjectsReleased() + " released of " + e.subjectsConsidered() + " considered");
        }
        if ("DENY".equals(e.decision())) {
            if (e.subjectsReleased() != 0) {
                found.add(Check.INCONSISTENT_COUNTS, "a DENY released " + e.subjectsReleased() + " subjects");
            }
            if (e.releasedSubjectsRoot() != null && !EMPTY_ROOT.equals(e.releasedSubjectsRoot())) {
                found.add(Check.ROOT_MISMATCH, "a DENY must carry the empty-set root " + EMPTY_ROOT + ", found "
                        + e.releasedSubjectsRoot());
            }
        }
        if ("PERMIT".equals(e.decision()) && e.subjectsReleased() < 1) {
            found.add(Check.INCONSISTENT_COUNTS, "a PERMIT released no subject");
        }
    }

    /** Returns whether a root was recomputed. */
    private static boolean rootAgainstKnownSet(final AccessEvent e, final TrailExpectations expectations, final Findings found) {
        if (e.eventId() == null) {
            return false;
        }
        final Optional<Set<String>> known = expectations.released(e.eventId());
        if (known.isEmpty()) {
            return false;
        }
        final String root = MerkleTree.rootOfStringSet(known.get());
        if (!root.equals(e.releasedSubjectsRoot())) {
            found.add(Check.ROOT_MISMATCH, "releasedSubjectsRoot " + e.releasedSubjectsRoot() + ", recomputed " + root
                    + " from the " + known.get().size() + " known released subjects");
        }
        if (known.get().size() != e.subjectsReleased()) {
            found.add(Check.INCONSISTENT_COUNTS, "subjectsReleased " + e.subjectsReleased() + ", but " + known.get().size()
                    + " subjects are known to be released");
        }
        return true;
    }

    private static Optional<Instant> instant(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Adds findings for one event. */
    private record Findings(List<TrailFinding> all, int index, String eventId) {
        void add(final Check check, final String detail) {
            all.add(new TrailFinding(index, eventId, check, detail));
        }
    }
}
