package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DisclosureIndex} on tables {@code released_sets} (one row per distinct released set, keyed
 * by its subjects' Merkle root), {@code released_set_members} (subject → set), {@code set_disclosures}
 * (one row per event: its set, time, dataset, requester, purpose) and {@code disclosed_events} (the
 * event as the ledger returned it).
 *
 * <p>Why by set: one row per released subject and event made a 100-subject PERMIT write 100 index
 * rows, a quarter of its CPU even when queued and merged in bulk. Consecutive events of a dataset
 * release the same subjects until a consent or an erasure changes them, so an event now writes two
 * rows, and a set's membership rows are written once, by the first event that releases it.
 */
final class JdbcDisclosureIndex implements DisclosureIndex {
    /** Rows per INSERT: 2 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
    private static final int MEMBERS_PER_STATEMENT = 500;
    private static final Comparator<Row> OLDEST_FIRST = Comparator.comparing((Row r) -> r.disclosure().decidedAt())
            .thenComparing(r -> r.disclosure().eventId());

    private final SqlExecutor sql;

    JdbcDisclosureIndex(final SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void record(final DisclosedEvent event) {
        Checks.notNull(event, "event");
        sql.run("record disclosure", c -> {
            if (!keepEvent(c, event)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO set_disclosures (set_id, decided_at, event_id,"
                    + " dataset_id, requester_institution, purpose) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, setOf(c, event));
                ps.setLong(2, event.decidedAt().toEpochMilli());
                ps.setString(3, event.eventId());
                ps.setString(4, event.datasetId());
                ps.setString(5, event.requesterInstitution());
                ps.setString(6, event.purpose());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Keeps the event's copy; false when the event was recorded already. */
    private static boolean keepEvent(final Connection c, final DisclosedEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO disclosed_events (event_id, event) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.canonicalEvent());
            return ps.executeUpdate() == 1;
        }
    }

    /** The set of the event's subjects, stored with its members by the first event releasing it. */
    private static long setOf(final Connection c, final DisclosedEvent event) throws SQLException {
        final Optional<Long> known = setId(c, event.subjectsRoot());
        if (known.isPresent()) {
            return known.get();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO released_sets (set_key) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, event.subjectsRoot());
            ps.executeUpdate();
        }
        // Read back rather than generated keys: the same statement on both databases, and on PostgreSQL
        // a concurrent first event of the same set may have inserted the row.
        final long setId = setId(c, event.subjectsRoot()).orElseThrow(
                () -> new StoreException("released set not found after inserting it"));
        final List<String> refs = List.copyOf(event.subjectRefs());
        for (int from = 0; from < refs.size(); from += MEMBERS_PER_STATEMENT) {
            insertMembers(c, setId, refs.subList(from, Math.min(refs.size(), from + MEMBERS_PER_STATEMENT)));
        }
        return setId;
    }

    private static Optional<Long> setId(final Connection c, final String setKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_id FROM released_sets WHERE set_key = ?")) {
            ps.setString(1, setKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void insertMembers(final Connection c, final long setId, final List<String> refs) throws SQLException {
        final StringBuilder statement = new StringBuilder("INSERT INTO released_set_members (subject_ref, set_id) VALUES ");
        for (int i = 0; i < refs.size(); i++) {
            statement.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        statement.append(" ON CONFLICT DO NOTHING");
        try (PreparedStatement ps = c.prepareStatement(statement.toString())) {
            int p = 0;
            for (final String ref : refs) {
                ps.setString(++p, ref);
                ps.setLong(++p, setId);
            }
            ps.executeUpdate();
        }
    }

    /** A page row: the subject's disclosure and, when kept, its event's copy. */
    private record Row(Disclosure disclosure, String event) {}

    /**
     * Each of the subject's sets is paged on its own (index order, at most a page and one row), then
     * merged: one query over all of them would sort every matching event of every set on each page.
     * The work per page grows with the number of the subject's sets (new ones come with consent changes
     * and erasures of co-released subjects), not with the length of its trail.
     */
    @Override
    public DisclosurePage page(final String subjectRef, final Instant from, final Instant to, final int pageSize,
            final DisclosureCursor after) {
        Checks.subjectRef(subjectRef);
        Checks.positive(pageSize, "pageSize");
        final long fromMillis = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        final long toMillis = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return sql.read("page disclosures", c -> {
            final List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.event_id, d.dataset_id, d.requester_institution,"
                    + " d.purpose, d.decided_at, e.event FROM set_disclosures d"
                    + " LEFT JOIN disclosed_events e ON e.event_id = d.event_id"
                    + " WHERE d.set_id = ? AND d.decided_at >= ? AND d.decided_at < ?"
                    + " AND (d.decided_at > ? OR (d.decided_at = ? AND d.event_id > ?))"
                    + " ORDER BY d.decided_at, d.event_id LIMIT ?")) {
                for (final long setId : setsOf(c, subjectRef)) {
                    ps.setLong(1, setId);
                    ps.setLong(2, fromMillis);
                    ps.setLong(3, toMillis);
                    ps.setLong(4, after == null ? Long.MIN_VALUE : after.decidedAtMillis());
                    ps.setLong(5, after == null ? Long.MIN_VALUE : after.decidedAtMillis());
                    ps.setString(6, after == null ? "" : after.eventId());
                    ps.setInt(7, pageSize + 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(new Disclosure(subjectRef, rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))), rs.getString(6)));
                        }
                    }
                }
            }
            rows.sort(OLDEST_FIRST);
            final List<Row> page = rows.subList(0, Math.min(pageSize, rows.size()));
            final Map<String, String> events = new HashMap<>();
            final List<Disclosure> disclosures = new ArrayList<>(page.size());
            for (final Row row : page) {
                disclosures.add(row.disclosure());
                if (row.event() != null) {
                    events.put(row.disclosure().eventId(), row.event());
                }
            }
            final String bookmark = rows.size() > pageSize
                    ? DisclosureCursor.after(disclosures.get(disclosures.size() - 1)).encode() : "";
            return new DisclosurePage(disclosures, events, bookmark);
        });
    }

    private static List<Long> setsOf(final Connection c, final String subjectRef) throws SQLException {
        final List<Long> sets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT set_id FROM released_set_members WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sets.add(rs.getLong(1));
                }
            }
        }
        return sets;
    }

    /**
     * Takes {@code subjectRef} out of every set, in the caller's transaction, and retires those sets'
     * keys: a set missing a member must never be taken for the whole set again.
     *
     * @return the events that had disclosed the subject
     */
    static int forget(final Connection c, final String subjectRef) throws SQLException {
        final int events;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM set_disclosures WHERE set_id IN"
                + " (SELECT set_id FROM released_set_members WHERE subject_ref = ?)")) {
            ps.setString(1, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                events = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE released_sets SET set_key = 'retired:' || set_id"
                + " WHERE set_id IN (SELECT set_id FROM released_set_members WHERE subject_ref = ?)")) {
            ps.setString(1, subjectRef);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM released_set_members WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            ps.executeUpdate();
        }
        return events;
    }
}
