package io.custodia.ledger.block;

import java.util.Objects;

/**
 * A write of a transaction: a new value, or a delete (Fabric treats an empty value as a delete).
 *
 * @param key the state key
 * @param isDelete whether the key is deleted
 * @param value the new value (empty for a delete)
 */
public record KeyWrite(String key, boolean isDelete, byte[] value) {
    public KeyWrite {
        Objects.requireNonNull(key, "key");
        value = value == null ? new byte[0] : value;
    }
}
