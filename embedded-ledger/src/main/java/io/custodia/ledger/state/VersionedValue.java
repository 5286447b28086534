package io.custodia.ledger.state;

import io.custodia.ledger.block.Version;
import java.util.Objects;

/**
 * A committed value and the version of the transaction that wrote it.
 *
 * @param key the state key
 * @param value the value
 * @param version height of the writing transaction
 */
public record VersionedValue(String key, byte[] value, Version version) {
    public VersionedValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
    }
}
