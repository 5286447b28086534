package io.custodia.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link DisclosureIndex} on table {@code disclosures}. */
final class JdbcDisclosureIndex implements DisclosureIndex {
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
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO disclosures (subject_ref, event_id,"
                    + " dataset_id, requester_institution, purpose, decided_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                for (final Disclosure d : rows) {
                    ps.setString(1, d.subjectRef());
                    ps.setString(2, d.eventId());
                    ps.setString(3, d.datasetId());
                    ps.setString(4, d.requesterInstitution());
                    ps.setString(5, d.purpose());
                    ps.setLong(6, d.decidedAt().toEpochMilli());
                    // One statement per row: batch update counts for ON CONFLICT differ between drivers.
                    inserted += ps.executeUpdate();
                }
            }
            return inserted;
        });
    }

    @Override
    public List<Disclosure> listForSubject(final String subjectRef, final int limit) {
        Checks.subjectRef(subjectRef);
        Checks.positive(limit, "limit");
        return sql.run("list disclosures", c -> {
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
