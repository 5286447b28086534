package io.custodia.sdk.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which access events to list ({@code GET /api/v1/audit/access-events}): exactly one selector —
 * dataset, requesting institution or subject — and an optional time range {@code [from, to)}.
 *
 * <pre>{@code
 * AccessEventQuery q = AccessEventQuery.byDataset("ds-001").between(Instant.parse("2026-01-01T00:00:00Z"), null);
 * }</pre>
 *
 * @param selector {@code datasetId}, {@code institution} or {@code subjectRef}
 * @param value the selected dataset, institution or subject
 * @param from inclusive start, open when empty
 * @param to exclusive end, open when empty
 */
public record AccessEventQuery(String selector, String value, Optional<Instant> from, Optional<Instant> to) {
    public AccessEventQuery {
        if (!"datasetId".equals(selector) && !"institution".equals(selector) && !"subjectRef".equals(selector)) {
            throw new IllegalArgumentException("selector must be datasetId, institution or subjectRef");
        }
        Objects.requireNonNull(value, "value");
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
    }

    public static AccessEventQuery byDataset(final String datasetId) {
        return new AccessEventQuery("datasetId", datasetId, Optional.empty(), Optional.empty());
    }

    public static AccessEventQuery byInstitution(final String mspId) {
        return new AccessEventQuery("institution", mspId, Optional.empty(), Optional.empty());
    }

    public static AccessEventQuery bySubject(final String subjectRef) {
        return new AccessEventQuery("subjectRef", subjectRef, Optional.empty(), Optional.empty());
    }

    /** The same selector limited to {@code [from, to)}; a null bound is open. */
    public AccessEventQuery between(final Instant fromInclusive, final Instant toExclusive) {
        return new AccessEventQuery(selector, value, Optional.ofNullable(fromInclusive), Optional.ofNullable(toExclusive));
    }

    Map<String, String> parameters() {
        final Map<String, String> query = new LinkedHashMap<>();
        query.put(selector, value);
        from.ifPresent(f -> query.put("from", f.toString()));
        to.ifPresent(t -> query.put("to", t.toString()));
        return query;
    }
}
