package io.custodia.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link FederationRecords} on tables {@code federation_nonces} and {@code pending_deliveries}. */
final class JdbcFederationRecords implements FederationRecords {
    private final SqlExecutor sql;

    JdbcFederationRecords(final SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public boolean claimNonce(final String requester, final String nonce, final Instant expiresAt, final Instant now) {
        Checks.nonBlank(requester, "requester");
        Checks.nonBlank(nonce, "nonce");
        return sql.run("claim federation nonce", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM federation_nonces WHERE expires_at < ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_nonces (requester, nonce, expires_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (requester, nonce) DO NOTHING")) {
                ps.setString(1, requester);
                ps.setString(2, nonce);
                ps.setLong(3, expiresAt.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void savePending(final String eventId, final String requester, final byte[] decision, final Instant createdAt) {
        Checks.nonBlank(eventId, "eventId");
        Checks.notNull(decision, "decision");
        sql.run("save pending delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_deliveries (event_id, requester, decision, created_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET decision = excluded.decision")) {
                ps.setString(1, eventId);
                ps.setString(2, requester);
                ps.setBytes(3, decision);
                ps.setLong(4, createdAt.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<byte[]> pendingDecision(final String eventId, final String requester) {
        Checks.nonBlank(eventId, "eventId");
        return sql.read("find pending delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT decision FROM pending_deliveries WHERE event_id = ? AND requester = ?")) {
                ps.setString(1, eventId);
                ps.setString(2, requester);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public void deletePending(final String eventId) {
        Checks.nonBlank(eventId, "eventId");
        sql.run("delete pending delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_deliveries WHERE event_id = ?")) {
                ps.setString(1, eventId);
                return ps.executeUpdate();
            }
        });
    }
}
