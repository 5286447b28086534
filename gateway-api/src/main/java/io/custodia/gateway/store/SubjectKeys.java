package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Per-subject data keys, one row each, wrapped by the key-encryption key. Deleting a subject's row
 * makes every copy of that subject's ciphertext unreadable, wherever it lingers.
 */
final class SubjectKeys {
    private final FieldCrypto crypto;
    private final Clock clock;

    SubjectKeys(final FieldCrypto crypto, final Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
    }

    FieldCrypto crypto() {
        return crypto;
    }

    /** The subject's data key, created if absent; concurrent creators converge on one key. */
    byte[] getOrCreate(final Connection c, final String subjectRef) throws SQLException {
        final Optional<byte[]> existing = find(c, subjectRef);
        if (existing.isPresent()) {
            return existing.get();
        }
        final byte[] fresh = crypto.randomBytes(FieldCrypto.KEY_BYTES);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subject_keys"
                + " (subject_ref, kek_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (subject_ref) DO NOTHING")) {
            insert.setString(1, subjectRef);
            insert.setString(2, crypto.kekId());
            insert.setBytes(3, crypto.wrapDataKey(subjectRef, fresh));
            insert.setLong(4, clock.millis());
            insert.executeUpdate();
        }
        // Either ours or the one a concurrent transaction committed first.
        return find(c, subjectRef).orElseThrow(() -> new StoreException("subject data key vanished while created"));
    }

    /** Inserts a key for a subject known to be new (a fresh random subject salt). */
    void insertNew(final Connection c, final String subjectRef, final byte[] dataKey) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subject_keys"
                + " (subject_ref, kek_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, subjectRef);
            insert.setString(2, crypto.kekId());
            insert.setBytes(3, crypto.wrapDataKey(subjectRef, dataKey));
            insert.setLong(4, clock.millis());
            insert.executeUpdate();
        }
    }

    Optional<byte[]> find(final Connection c, final String subjectRef) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT kek_id, wrapped_key FROM subject_keys WHERE subject_ref = ?")) {
            select.setString(1, subjectRef);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(crypto.unwrapDataKey(subjectRef, rs.getString(1), rs.getBytes(2)));
            }
        }
    }

    /**
     * Re-wraps up to {@code batch} data keys not wrapped by the current key-encryption key.
     *
     * @return how many were re-wrapped (0 when none is left)
     */
    int rewrapBatch(final Connection c, final int batch) throws SQLException {
        final List<String[]> stale = new ArrayList<>();
        final List<byte[]> wrapped = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT subject_ref, kek_id, wrapped_key FROM subject_keys"
                + " WHERE kek_id <> ? ORDER BY subject_ref LIMIT ?")) {
            select.setString(1, crypto.kekId());
            select.setInt(2, batch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stale.add(new String[] {rs.getString(1), rs.getString(2)});
                    wrapped.add(rs.getBytes(3));
                }
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE subject_keys SET kek_id = ?, wrapped_key = ?"
                + " WHERE subject_ref = ? AND kek_id = ?")) {
            for (int i = 0; i < stale.size(); i++) {
                final String subjectRef = stale.get(i)[0];
                final byte[] key = crypto.unwrapDataKey(subjectRef, stale.get(i)[1], wrapped.get(i));
                try {
                    update.setString(1, crypto.kekId());
                    update.setBytes(2, crypto.wrapDataKey(subjectRef, key));
                    update.setString(3, subjectRef);
                    update.setString(4, stale.get(i)[1]);
                    update.executeUpdate();
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
        return stale.size();
    }

    byte[] require(final Connection c, final String subjectRef) throws SQLException {
        return find(c, subjectRef).orElseThrow(() -> new StoreException("subject data key missing for stored data"));
    }
}
