package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link SubjectRegistry} on table {@code subject_registry}: registry key → subject ref and
 * encrypted subject salt.
 *
 * <p>Concurrency: the insert is {@code ON CONFLICT (registry_key) DO NOTHING}. On PostgreSQL a
 * second concurrent insert of the same key waits for the first transaction and then does
 * nothing, and the re-read (a new snapshot under READ COMMITTED) returns the winner's row; on
 * SQLite transactions are serialised by {@code BEGIN IMMEDIATE}. The loser never wrote a data key,
 * because the key row is inserted only after the registry insert succeeded.
 */
final class JdbcSubjectRegistry implements SubjectRegistry {
    static final int SALT_BYTES = 32;

    private final SqlExecutor sql;
    private final SubjectKeys keys;
    private final Clock clock;

    JdbcSubjectRegistry(final SqlExecutor sql, final SubjectKeys keys, final Clock clock) {
        this.sql = sql;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public SubjectRegistration registerOrGet(final byte[] institutionPepper, final String patientId) {
        final String registryKey = registryKey(institutionPepper, patientId);
        return sql.run("register subject", c -> {
            final Optional<SubjectRegistration> existing = read(c, registryKey);
            if (existing.isPresent()) {
                return existing.get();
            }
            final byte[] salt = keys.crypto().randomBytes(SALT_BYTES);
            final String subjectRef = Pseudonyms.subjectRef(salt, patientId);
            final byte[] dataKey = keys.crypto().randomBytes(FieldCrypto.KEY_BYTES);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subject_registry"
                    + " (registry_key, subject_ref, encrypted_salt, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (registry_key) DO NOTHING")) {
                ps.setString(1, registryKey);
                ps.setString(2, subjectRef);
                ps.setBytes(3, keys.crypto().seal(dataKey, saltAad(subjectRef), salt));
                ps.setLong(4, clock.millis());
                if (ps.executeUpdate() == 1) {
                    keys.insertNew(c, subjectRef, dataKey);
                    return new SubjectRegistration(subjectRef, salt, true);
                }
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
            return read(c, registryKey)
                    .orElseThrow(() -> new StoreException("registry row vanished during concurrent registration"));
        });
    }

    @Override
    public Optional<SubjectRegistration> find(final byte[] institutionPepper, final String patientId) {
        final String registryKey = registryKey(institutionPepper, patientId);
        return sql.read("find subject", c -> read(c, registryKey));
    }

    @Override
    public boolean erase(final String subjectRef) {
        Checks.subjectRef(subjectRef);
        return sql.run("erase registry row", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM subject_registry WHERE subject_ref = ?")) {
                ps.setString(1, subjectRef);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Optional<SubjectRegistration> read(final Connection c, final String registryKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT subject_ref, encrypted_salt FROM subject_registry WHERE registry_key = ?")) {
            ps.setString(1, registryKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                final String subjectRef = rs.getString(1);
                final byte[] key = keys.require(c, subjectRef);
                try {
                    final byte[] salt = keys.crypto().open(key, saltAad(subjectRef), rs.getBytes(2));
                    return Optional.of(new SubjectRegistration(subjectRef, salt, false));
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
    }

    static byte[] saltAad(final String subjectRef) {
        return FieldCrypto.aad("subject-salt", subjectRef);
    }

    /** Hex {@code HMAC-SHA256(institutionPepper, patientId)}: the only form of the identifier stored. */
    static String registryKey(final byte[] institutionPepper, final String patientId) {
        Checks.notNull(institutionPepper, "institutionPepper");
        Checks.nonBlank(patientId, "patientId");
        return Hashes.hex(Pseudonyms.hmacSha256(institutionPepper, patientId.getBytes(StandardCharsets.UTF_8)));
    }
}
