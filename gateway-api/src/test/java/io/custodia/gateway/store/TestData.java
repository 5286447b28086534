package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Keys, peppers and pseudonyms for store tests. */
final class TestData {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestData() {}

    static KeyEncryptionKey newKek() {
        return new KeyEncryptionKey("test-kek", randomBytes(32));
    }

    static byte[] randomBytes(final int n) {
        final byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    /** A well-formed subject reference derived from {@code seed}. */
    static String ref(final String seed) {
        return Hashes.sha256Hex(seed);
    }

    static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
