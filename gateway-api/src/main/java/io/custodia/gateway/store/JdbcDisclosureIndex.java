package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@link DisclosureIndex} on tables {@code pending_disclosures} (the queue: one row per access event,
 * its subjects' refs concatenated) and {@code disclosures} (the index: one row per subject and event,
 * keyed by subject).
 *
 * <p>Why a queue: a B-tree insert costs a page per subject, so a 100-subject PERMIT read and wrote
 * ~100 pages of {@code disclosures} inside SQLite's single-writer lock — a third of the request's
 * CPU, and the reason PERMITs queued on that lock. Merging a few seconds of events at once, in key
 * order, writes each subject's page once for all of them. SQLite only: PostgreSQL records into the
 * index directly (see {@link #recordDirectly}); its queue stays empty.
 */
final class JdbcDisclosureIndex implements DisclosureIndex {
    /** Rows per INSERT: 6 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
    private static final int ROWS_PER_STATEMENT = 500;
    /** A subjectRef is 64 hex digits, so a queued row's refs split at fixed offsets. */
    private static final int REF_LENGTH = 64;
    private static final Comparator<Disclosure> INDEX_ORDER = Comparator.comparing(Disclosure::subjectRef)
            .thenComparing(Disclosure::decidedAt).thenComparing(Disclosure::eventId);
    private static final Comparator<Disclosure> OLDEST_FIRST = Comparator.comparing(Disclosure::decidedAt)
            .thenComparing(Disclosure::eventId);

    private final SqlExecutor sql;
    private final Dialect dialect;

    JdbcDisclosureIndex(final SqlExecutor sql, final Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /** What the rows of one access event share; its subjects go into one queued row. */
    private record Event(String eventId, String datasetId, String requesterInstitution, String purpose,
            Instant decidedAt) {
        static Event of(final Disclosure d) {
            return new Event(d.eventId(), d.datasetId(), d.requesterInstitution(), d.purpose(), d.decidedAt());
        }

        Disclosure of(final String subjectRef) {
            return new Disclosure(subjectRef, eventId, datasetId, requesterInstitution, purpose, decidedAt);
        }
    }

    @Override
    public void recordAll(final Collection<Disclosure> disclosures) {
        final List<Disclosure> rows = List.copyOf(Checks.notNull(disclosures, "disclosures"));
        if (rows.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            recordDirectly(rows);
            return;
        }
        final Map<Event, SortedSet<String>> events = new LinkedHashMap<>();
        for (final Disclosure d : rows) {
            events.computeIfAbsent(Event.of(d), e -> new TreeSet<>()).add(d.subjectRef());
        }
        sql.run("record disclosures", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_disclosures (event_id, dataset_id,"
                    + " requester_institution, purpose, decided_at, subject_refs) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (final Map.Entry<Event, SortedSet<String>> e : events.entrySet()) {
                    final Event event = e.getKey();
                    ps.setString(1, event.eventId());
                    ps.setString(2, event.datasetId());
                    ps.setString(3, event.requesterInstitution());
                    ps.setString(4, event.purpose());
                    ps.setLong(5, event.decidedAt().toEpochMilli());
                    ps.setString(6, String.join("", e.getValue()));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * PostgreSQL indexes at once: its writers run concurrently (no single write lock to free), and
     * there the queue cost more than it saved — PERMITs 78-89 -> 67 req/s, p99 0.40-0.55 -> 1.09 s, as each
     * event's rows were written twice and its 6 KB queued row left a dead tuple behind.
     */
    private void recordDirectly(final List<Disclosure> rows) {
        sql.run("record disclosures", c -> {
            insertAll(c, rows.stream().sorted(INDEX_ORDER).toList());
            return null;
        });
    }

    @Override
    public void recordEvent(final String eventId, final String canonicalEvent) {
        Checks.nonBlank(eventId, "eventId");
        Checks.nonBlank(canonicalEvent, "canonicalEvent");
        sql.run("record disclosed event", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO disclosed_events (event_id, event) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, eventId);
                ps.setString(2, canonicalEvent);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public DisclosurePage page(final String subjectRef, final Instant from, final Instant to, final int pageSize,
            final DisclosureCursor after) {
        Checks.subjectRef(subjectRef);
        Checks.positive(pageSize, "pageSize");
        final long fromMillis = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        final long toMillis = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        final Predicate<Disclosure> wanted = d -> d.decidedAt().toEpochMilli() >= fromMillis
                && d.decidedAt().toEpochMilli() < toMillis && (after == null || after.precedes(d));
        return sql.read("page disclosures", c -> {
            // The queue first: a row a merge moves in between is then seen in one place or the other
            // (the merge indexes before it dequeues). Index first could miss it in both.
            final List<Queued> queued = queuedWith(c, subjectRef);
            final Map<String, Disclosure> byEvent = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, dataset_id, requester_institution,"
                    + " purpose, decided_at FROM disclosures WHERE subject_ref = ? AND decided_at >= ? AND decided_at < ?"
                    + " AND (decided_at > ? OR (decided_at = ? AND event_id > ?))"
                    + " ORDER BY decided_at, event_id LIMIT ?")) {
                ps.setString(1, subjectRef);
                ps.setLong(2, fromMillis);
                ps.setLong(3, toMillis);
                ps.setLong(4, after == null ? Long.MIN_VALUE : after.decidedAtMillis());
                ps.setLong(5, after == null ? Long.MIN_VALUE : after.decidedAtMillis());
                ps.setString(6, after == null ? "" : after.eventId());
                ps.setInt(7, pageSize + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byEvent.put(rs.getString(1), new Disclosure(subjectRef, rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            for (final Queued q : queued) {
                final Disclosure d = q.event().of(subjectRef);
                if (wanted.test(d)) {
                    byEvent.putIfAbsent(d.eventId(), d);
                }
            }
            final List<Disclosure> rows = byEvent.values().stream().sorted(OLDEST_FIRST).limit(pageSize + 1L).toList();
            final List<Disclosure> page = rows.subList(0, Math.min(pageSize, rows.size()));
            final String bookmark = rows.size() > pageSize ? DisclosureCursor.after(page.get(page.size() - 1)).encode() : "";
            return new DisclosurePage(page, eventCopies(c, page), bookmark);
        });
    }

    /** The stored copies of the events of {@code rows}, by event ID. */
    private static Map<String, String> eventCopies(final Connection c, final List<Disclosure> rows) throws SQLException {
        final Map<String, String> copies = new HashMap<>();
        if (rows.isEmpty()) {
            return copies;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, event FROM disclosed_events WHERE event_id IN ("
                + String.join(", ", Collections.nCopies(rows.size(), "?")) + ")")) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(i + 1, rows.get(i).eventId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    copies.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return copies;
    }

    @Override
    public int mergePending(final int maxEvents) {
        Checks.positive(maxEvents, "maxEvents");
        return sql.run("merge disclosures", c -> {
            final List<Long> seqs = queuedSeqs(c, maxEvents);
            insertAll(c, queuedDisclosures(c, seqs));
            dequeue(c, seqs);
            return seqs.size();
        });
    }

    /** The oldest queued rows, at most {@code max}. */
    List<Long> queuedSeqs(final int max) {
        return sql.read("list queued disclosures", c -> queuedSeqs(c, max));
    }

    private static List<Long> queuedSeqs(final Connection c, final int max) throws SQLException {
        final List<Long> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM pending_disclosures ORDER BY seq LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        return seqs;
    }

    /**
     * The disclosures of queued rows {@code seqs} as the rows are now (an erasure since the seqs were
     * listed has taken its subject out), in index order.
     */
    List<Disclosure> queuedDisclosures(final List<Long> seqs) {
        return sql.read("read queued disclosures", c -> queuedDisclosures(c, seqs));
    }

    private static List<Disclosure> queuedDisclosures(final Connection c, final List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return List.of();
        }
        final Set<Long> wanted = new HashSet<>(seqs);
        final List<Queued> queued = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(selectQueued(" WHERE seq BETWEEN ? AND ?") + " ORDER BY seq")) {
            ps.setLong(1, Collections.min(seqs));
            ps.setLong(2, Collections.max(seqs));
            readQueued(ps, queued);
        }
        final List<Disclosure> rows = new ArrayList<>();
        for (final Queued q : queued) {
            if (wanted.contains(q.seq())) {
                q.refs().forEach(ref -> rows.add(q.event().of(ref)));
            }
        }
        rows.sort(INDEX_ORDER);
        return rows;
    }

    /**
     * Adds {@code rows}, in index order as {@link #queuedDisclosures} returns them, to the index,
     * keeping rows already there (merging is idempotent).
     */
    void index(final List<Disclosure> rows) {
        sql.run("index disclosures", c -> {
            insertAll(c, rows);
            return null;
        });
    }

    /** Where {@code row} is, or would be, in {@code sorted} (index order). */
    static int positionAfter(final List<Disclosure> sorted, final Disclosure row) {
        final int found = Collections.binarySearch(sorted, row, INDEX_ORDER);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** Removes queued rows {@code seqs}, once all their disclosures are indexed. */
    void dequeue(final List<Long> seqs) {
        sql.run("dequeue disclosures", c -> {
            dequeue(c, seqs);
            return null;
        });
    }

    private static void dequeue(final Connection c, final List<Long> seqs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM pending_disclosures WHERE seq = ?")) {
            for (final long seq : seqs) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * Deletes every disclosure of {@code subjectRef}, queued and merged, in the caller's transaction
     * (on SQLite, the only writer: no merge runs meanwhile).
     *
     * @return disclosures deleted
     */
    static int forget(final Connection c, final String subjectRef) throws SQLException {
        int forgotten = 0;
        for (final Queued queued : queuedWith(c, subjectRef)) {
            final List<String> others = queued.refs().stream().filter(r -> !r.equals(subjectRef)).toList();
            try (PreparedStatement ps = others.isEmpty()
                    ? c.prepareStatement("DELETE FROM pending_disclosures WHERE seq = ?")
                    : c.prepareStatement("UPDATE pending_disclosures SET subject_refs = ? WHERE seq = ?")) {
                int p = 0;
                if (!others.isEmpty()) {
                    ps.setString(++p, String.join("", others));
                }
                ps.setLong(++p, queued.seq());
                ps.executeUpdate();
            }
            forgotten++;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM disclosures WHERE subject_ref = ?")) {
            ps.setString(1, subjectRef);
            return forgotten + ps.executeUpdate();
        }
    }

    /** A queued row: one access event and the subjects it released. */
    private record Queued(long seq, Event event, List<String> refs) {}

    /** Queued rows whose refs include {@code subjectRef}; a substring match is confirmed at ref boundaries. */
    private static List<Queued> queuedWith(final Connection c, final String subjectRef) throws SQLException {
        final List<Queued> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(selectQueued(" WHERE subject_refs LIKE ?") + " ORDER BY seq")) {
            // Refs are hex digits, so they hold no LIKE wildcards.
            ps.setString(1, "%" + subjectRef + "%");
            readQueued(ps, candidates);
        }
        return candidates.stream().filter(q -> q.refs().contains(subjectRef)).toList();
    }

    private static String selectQueued(final String where) {
        return "SELECT seq, event_id, dataset_id, requester_institution, purpose, decided_at, subject_refs"
                + " FROM pending_disclosures" + where;
    }

    private static void readQueued(final PreparedStatement ps, final List<Queued> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                final String refs = rs.getString(7);
                if (refs.length() % REF_LENGTH != 0) {
                    throw new StoreException("queued disclosure row " + rs.getLong(1) + " has malformed subject refs");
                }
                final List<String> split = new ArrayList<>(refs.length() / REF_LENGTH);
                for (int i = 0; i < refs.length(); i += REF_LENGTH) {
                    split.add(refs.substring(i, i + REF_LENGTH));
                }
                out.add(new Queued(rs.getLong(1), new Event(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), split));
            }
        }
    }

    /**
     * Index rows, already in index order (so consecutive rows share pages), {@link
     * #ROWS_PER_STATEMENT} per statement.
     */
    private static void insertAll(final Connection c, final List<Disclosure> sorted) throws SQLException {
        for (int from = 0; from < sorted.size(); from += ROWS_PER_STATEMENT) {
            insert(c, sorted.subList(from, Math.min(sorted.size(), from + ROWS_PER_STATEMENT)));
        }
    }

    /**
     * One multi-row INSERT: one statement per row was 100 round trips to PostgreSQL per request. ON
     * CONFLICT keeps a row a retried access flow queued again.
     */
    private static void insert(final Connection c, final List<Disclosure> rows) throws SQLException {
        final StringBuilder statement = new StringBuilder("INSERT INTO disclosures (subject_ref, event_id,"
                + " dataset_id, requester_institution, purpose, decided_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            statement.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
        }
        statement.append(" ON CONFLICT DO NOTHING");
        try (PreparedStatement ps = c.prepareStatement(statement.toString())) {
            int p = 0;
            for (final Disclosure d : rows) {
                ps.setString(++p, d.subjectRef());
                ps.setString(++p, d.eventId());
                ps.setString(++p, d.datasetId());
                ps.setString(++p, d.requesterInstitution());
                ps.setString(++p, d.purpose());
                ps.setLong(++p, d.decidedAt().toEpochMilli());
            }
            ps.executeUpdate();
        }
    }
}
