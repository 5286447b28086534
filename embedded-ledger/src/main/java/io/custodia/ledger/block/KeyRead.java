package io.custodia.ledger.block;

import java.util.Objects;

/**
 * A key read during simulation and the version seen; a {@code null} version means the key was absent.
 *
 * @param key the state key
 * @param version version seen, or {@code null} if the key did not exist
 */
public record KeyRead(String key, Version version) {
    public KeyRead {
        Objects.requireNonNull(key, "key");
    }
}
