package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link Outbox} on table {@code outbox}.
 *
 * <p>Claiming is "select claimable ids, then stamp them with a fresh lease token" in one
 * transaction. On PostgreSQL the select takes row locks with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent claimers pick disjoint rows without waiting. SQLite has no row locks; there the
 * transaction starts with {@code BEGIN IMMEDIATE}, which takes the database's single write lock
 * before the select, so a second claimer only runs after the first committed and then sees the
 * fresh leases. Both give the same guarantee: an item is held by at most one unexpired lease.
 */
final class JdbcOutbox implements Outbox {
    private static final String DONE = "DONE";
    private static final String COLUMNS = "id, kind, payload, completed_steps, step_state, attempts, lease_token,"
            + " lease_expires_at, status, created_at, dedupe_key, lease_holder";

    private final SqlExecutor sql;
    private final Dialect dialect;
    private final Clock clock;
    private final FieldCrypto random;

    JdbcOutbox(final SqlExecutor sql, final Dialect dialect, final Clock clock, final FieldCrypto random) {
        this.sql = sql;
        this.dialect = dialect;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public long enqueue(final String kind, final String payload) {
        Checks.nonBlank(kind, "kind");
        Checks.notNull(payload, "payload");
        return sql.run("enqueue outbox item", c -> {
            final long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (kind, payload, status,"
                    + " completed_steps, attempts, available_at, created_at, updated_at)"
                    + " VALUES (?, ?, 'PENDING', 0, 0, ?, ?, ?) RETURNING id")) {
                ps.setString(1, kind);
                ps.setString(2, payload);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setLong(5, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Enqueued enqueueClaimed(final String kind, final String payload, final String dedupeKey, final String holder,
            final Duration lease) {
        Checks.nonBlank(kind, "kind");
        Checks.notNull(payload, "payload");
        if (dedupeKey != null) {
            Checks.nonBlank(dedupeKey, "dedupeKey");
        }
        checkLease(lease);
        return sql.run("enqueue outbox item", c -> {
            final long now = clock.millis();
            final String token = token();
            // ON CONFLICT DO NOTHING on both databases: a concurrent duplicate never fails the caller's
            // transaction, it finds the winner's row below.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (kind, payload, status,"
                    + " completed_steps, attempts, available_at, created_at, updated_at, dedupe_key, lease_token,"
                    + " lease_expires_at, lease_holder) VALUES (?, ?, 'PENDING', 0, 1, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")) {
                ps.setString(1, kind);
                ps.setString(2, payload);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.setString(6, dedupeKey);
                ps.setString(7, token);
                ps.setLong(8, now + lease.toMillis());
                ps.setString(9, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Enqueued(read(c, rs.getLong(1)).orElseThrow(), true, true);
                    }
                }
            }
            final OutboxItem existing = readByKey(c, dedupeKey)
                    .orElseThrow(() -> new StoreException("outbox item vanished during enqueue"));
            if (!existing.kind().equals(kind)) {
                throw new IllegalStateException("saga key " + dedupeKey + " belongs to an item of another kind");
            }
            if (existing.done() || !claimById(c, existing.id(), lease, holder, token, now)) {
                return new Enqueued(existing, false, false);
            }
            return new Enqueued(read(c, existing.id()).orElseThrow(), false, true);
        });
    }

    @Override
    public boolean forgetDone(final String dedupeKey) {
        Checks.nonBlank(dedupeKey, "dedupeKey");
        return sql.run("forget outbox item", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE dedupe_key = ? AND status = 'DONE'")) {
                ps.setString(1, dedupeKey);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<OutboxItem> findByKey(final String dedupeKey) {
        Checks.nonBlank(dedupeKey, "dedupeKey");
        return sql.read("find outbox item", c -> readByKey(c, dedupeKey));
    }

    @Override
    public int renewLeasesOf(final String holder, final Duration lease) {
        Checks.nonBlank(holder, "holder");
        checkLease(lease);
        return sql.run("renew outbox leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_expires_at = ?"
                    + " WHERE lease_holder = ? AND status = 'PENDING' AND lease_token IS NOT NULL")) {
                ps.setLong(1, clock.millis() + lease.toMillis());
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int releaseLeasesNotHeldBy(final String holder) {
        Checks.nonBlank(holder, "holder");
        return sql.run("take over outbox leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_token = NULL, lease_expires_at = NULL,"
                    + " lease_holder = NULL, available_at = ?, updated_at = ? WHERE status = 'PENDING'"
                    + " AND lease_token IS NOT NULL AND (lease_holder IS NULL OR lease_holder <> ?)")) {
                final long now = clock.millis();
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, holder);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<OutboxItem> claim(final int max, final Duration lease, final String holder) {
        Checks.positive(max, "max");
        checkLease(lease);
        return sql.run("claim outbox items", c -> {
            final long now = clock.millis();
            final List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE status = 'PENDING'"
                    + " AND available_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)"
                    + " ORDER BY id LIMIT ?" + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setInt(3, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            final String token = token();
            final List<OutboxItem> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_token = ?,"
                    + " lease_expires_at = ?, attempts = attempts + 1, updated_at = ?, lease_holder = ? WHERE id = ?")) {
                for (final long id : ids) {
                    ps.setString(1, token);
                    ps.setLong(2, now + lease.toMillis());
                    ps.setLong(3, now);
                    ps.setString(4, holder);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                    claimed.add(read(c, id).orElseThrow());
                }
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public Optional<OutboxItem> claim(final long id, final Duration lease, final String holder) {
        checkLease(lease);
        return sql.run("claim outbox item", c -> claimById(c, id, lease, holder, token(), clock.millis())
                ? read(c, id) : Optional.<OutboxItem>empty());
    }

    /**
     * One conditional UPDATE: it either takes the free lease or changes nothing, so two claimers of
     * the same id cannot both succeed on either database.
     */
    private static boolean claimById(final Connection c, final long id, final Duration lease, final String holder,
            final String token, final long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_token = ?,"
                + " lease_expires_at = ?, attempts = attempts + 1, updated_at = ?, lease_holder = ? WHERE id = ?"
                + " AND status = 'PENDING' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)")) {
            ps.setString(1, token);
            ps.setLong(2, now + lease.toMillis());
            ps.setLong(3, now);
            ps.setString(4, holder);
            ps.setLong(5, id);
            ps.setLong(6, now);
            return ps.executeUpdate() == 1;
        }
    }

    private String token() {
        return HexFormat.of().formatHex(random.randomBytes(16));
    }

    private static void checkLease(final Duration lease) {
        if (Checks.notNull(lease, "lease").isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }

    @Override
    public boolean recordStep(final long id, final String leaseToken, final int completedSteps,
            final String stepState) {
        Checks.nonBlank(leaseToken, "leaseToken");
        if (completedSteps < 0) {
            throw new IllegalArgumentException("completedSteps must not be negative");
        }
        return sql.run("record outbox step", c -> {
            // Progress never moves backwards, and only the current lease holder may record it.
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET completed_steps = ?, step_state = ?,"
                    + " updated_at = ? WHERE id = ? AND lease_token = ? AND status = 'PENDING'"
                    + " AND completed_steps <= ?")) {
                ps.setInt(1, completedSteps);
                ps.setString(2, stepState);
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                ps.setString(5, leaseToken);
                ps.setInt(6, completedSteps);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean renewLease(final long id, final String leaseToken, final Duration lease) {
        Checks.nonBlank(leaseToken, "leaseToken");
        Checks.notNull(lease, "lease");
        return sql.run("renew outbox lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_expires_at = ?, updated_at = ?"
                    + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'")) {
                final long now = clock.millis();
                ps.setLong(1, now + lease.toMillis());
                ps.setLong(2, now);
                ps.setLong(3, id);
                ps.setString(4, leaseToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean complete(final long id, final String leaseToken, final boolean scrub) {
        Checks.nonBlank(leaseToken, "leaseToken");
        return sql.run("complete outbox item", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'DONE', lease_token = NULL,"
                    + " lease_expires_at = NULL, lease_holder = NULL, completed_at = ?, updated_at = ?"
                    + (scrub ? ", payload = '{}', step_state = NULL" : "")
                    + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'")) {
                final long now = clock.millis();
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                ps.setString(4, leaseToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(final long id, final String leaseToken, final Instant notBefore) {
        Checks.nonBlank(leaseToken, "leaseToken");
        Checks.notNull(notBefore, "notBefore");
        return sql.run("release outbox item", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_token = NULL,"
                    + " lease_expires_at = NULL, lease_holder = NULL, available_at = ?, updated_at = ?"
                    + " WHERE id = ? AND lease_token = ? AND status = 'PENDING'")) {
                ps.setLong(1, notBefore.toEpochMilli());
                ps.setLong(2, clock.millis());
                ps.setLong(3, id);
                ps.setString(4, leaseToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<OutboxItem> find(final long id) {
        return sql.read("find outbox item", c -> read(c, id));
    }

    @Override
    public int purgeCompletedBefore(final Instant cutoff) {
        Checks.notNull(cutoff, "cutoff");
        return sql.run("purge outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM outbox WHERE status = 'DONE' AND completed_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Erasure: completed items whose payload or step state names {@code subjectRef} keep neither
     * (pending items still need theirs; the running revocation scrubs its own when it completes).
     */
    static int scrubDoneItemsNaming(final Connection c, final Dialect dialect, final String subjectRef)
            throws SQLException {
        final String contains = dialect == Dialect.POSTGRESQL ? "strpos(%s, ?) > 0" : "instr(%s, ?) > 0";
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET payload = '{}', step_state = NULL"
                + " WHERE status = 'DONE' AND (" + contains.formatted("payload") + " OR "
                + contains.formatted("COALESCE(step_state, '')") + ")")) {
            ps.setString(1, subjectRef);
            ps.setString(2, subjectRef);
            return ps.executeUpdate();
        }
    }

    private static Optional<OutboxItem> readByKey(final Connection c, final String dedupeKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE dedupe_key = ?")) {
            ps.setString(1, dedupeKey);
            return one(ps);
        }
    }

    private static Optional<OutboxItem> read(final Connection c, final long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            return one(ps);
        }
    }

    private static Optional<OutboxItem> one(final PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            final long lease = rs.getLong(8);
            final Instant leaseExpiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(lease);
            return Optional.of(new OutboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                    rs.getString(5), rs.getInt(6), rs.getString(7), leaseExpiresAt, DONE.equals(rs.getString(9)),
                    Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11), rs.getString(12)));
        }
    }
}
