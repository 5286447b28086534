package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyRecords} on table {@code idempotency_records}. */
final class JdbcIdempotencyRecords implements IdempotencyRecords {
    private final SqlExecutor sql;

    JdbcIdempotencyRecords(final SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public IdempotencyOutcome saveIfAbsent(final IdempotencyRecord record) {
        Checks.notNull(record, "record");
        return sql.run("save idempotency record", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_records (idempotency_key,"
                    + " request_hash, response_status, response_body, subject_ref, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
                ps.setString(1, record.key());
                ps.setString(2, record.requestHash());
                ps.setInt(3, record.responseStatus());
                ps.setBytes(4, record.responseBody());
                ps.setString(5, record.subjectRef());
                ps.setLong(6, record.createdAt().toEpochMilli());
                if (ps.executeUpdate() == 1) {
                    return new IdempotencyOutcome(IdempotencyOutcome.Kind.STORED, record);
                }
            }
            final IdempotencyRecord existing = read(c, record.key())
                    .orElseThrow(() -> new StoreException("idempotency record vanished during save"));
            return new IdempotencyOutcome(existing.requestHash().equals(record.requestHash())
                    ? IdempotencyOutcome.Kind.REPLAY : IdempotencyOutcome.Kind.CONFLICT, existing);
        });
    }

    @Override
    public Optional<IdempotencyRecord> find(final String key) {
        Checks.nonBlank(key, "key");
        return sql.read("find idempotency record", c -> read(c, key));
    }

    @Override
    public int deleteCreatedBefore(final Instant cutoff) {
        Checks.notNull(cutoff, "cutoff");
        return sql.run("purge idempotency records", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_records WHERE created_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<IdempotencyRecord> read(final Connection c, final String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, response_status, response_body,"
                + " subject_ref, created_at FROM idempotency_records WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IdempotencyRecord(key, rs.getString(1), rs.getInt(2), rs.getBytes(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
    }
}
