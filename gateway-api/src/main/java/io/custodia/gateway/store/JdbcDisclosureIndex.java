package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link DisclosureIndex} on table {@code disclosures}. */
final class JdbcDisclosureIndex implements DisclosureIndex {
    /** Rows per INSERT: 6 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
    private static final int ROWS_PER_STATEMENT = 500;
    private final SqlExecutor sql;

    JdbcDisclosureIndex(final SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public int recordAll(final Collection<Disclosure> disclosures) {
        final List<Disclosure> rows = List.copyOf(Checks.notNull(disclosures, "disclosures"));
        if (rows.isEmpty()) {
            return 0;
        }
        return sql.run("record disclosures", c -> {
            int inserted = 0;
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                inserted += insert(c, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
            }
            return inserted;
        });
    }

    /**
     * One multi-row INSERT: a PERMIT records a row per released subject, and one statement per row
     * was 100 round trips to PostgreSQL per request. Its update count is the rows actually inserted
     * on both databases (a JDBC batch's counts for ON CONFLICT rows differ between the drivers).
     */
    private static int insert(final Connection c, final List<Disclosure> rows) throws SQLException {
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
            return ps.executeUpdate();
        }
    }

    @Override
    public List<Disclosure> listForSubject(final String subjectRef, final int limit) {
        Checks.subjectRef(subjectRef);
        Checks.positive(limit, "limit");
        return sql.read("list disclosures", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, dataset_id, requester_institution,"
                    + " purpose, decided_at FROM disclosures WHERE subject_ref = ?"
                    + " ORDER BY decided_at DESC, event_id DESC LIMIT ?")) {
                ps.setString(1, subjectRef);
                ps.setInt(2, limit);
                final List<Disclosure> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Disclosure(subjectRef, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                return List.copyOf(out);
            }
        });
    }
}
