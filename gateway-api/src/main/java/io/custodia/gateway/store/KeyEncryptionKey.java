package io.custodia.gateway.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The AES-256 key that wraps every per-subject data key. It is configuration (a secret file or
 * a KMS), never stored in the database, so database files, WAL segments and backups alone
 * cannot decrypt any pointer, salt or consent document.
 *
 * <pre>{@code
 * KeyEncryptionKey kek = new KeyEncryptionKey("kek-2026-11", secretBytes32);
 * }</pre>
 */
public final class KeyEncryptionKey {
    private final String id;
    private final byte[] key;

    /**
     * @param id short identifier recorded next to each wrapped key, so a rotation can tell
     *     which key wrapped which row
     * @param key exactly 32 bytes
     */
    public KeyEncryptionKey(final String id, final byte[] key) {
        this.id = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("key id must be 1..64 characters");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("key-encryption key must be 32 bytes (AES-256)");
        }
        this.key = key.clone();
    }

    /** The identifier stored with each wrapped data key. */
    public String id() {
        return id;
    }

    byte[] keyBytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        // Never print key material.
        return "KeyEncryptionKey[" + id + "]";
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof KeyEncryptionKey && ((KeyEncryptionKey) o).id.equals(id)
                && Arrays.equals(((KeyEncryptionKey) o).key, key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
