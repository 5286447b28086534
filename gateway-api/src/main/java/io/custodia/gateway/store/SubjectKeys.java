package io.custodia.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
                if (!crypto.kekId().equals(rs.getString(1))) {
                    throw new StoreException("subject data key is wrapped by another key-encryption key");
                }
                return Optional.of(crypto.unwrapDataKey(subjectRef, rs.getBytes(2)));
            }
        }
    }

    byte[] require(final Connection c, final String subjectRef) throws SQLException {
        return find(c, subjectRef).orElseThrow(() -> new StoreException("subject data key missing for stored data"));
    }
}
