package io.custodia.sdk.commitments;

import io.custodia.canonical.ItemCommitments;
import java.security.SecureRandom;

/**
 * Supplies the 32-byte random item salt of each subject's commitment. The default draws from
 * {@link SecureRandom}; a fixed source makes commitments reproducible in tests.
 *
 * <pre>{@code
 * ItemSaltSource fixed = subjectRef -> knownSalts.get(subjectRef);
 * }</pre>
 */
@FunctionalInterface
public interface ItemSaltSource {
    /** A fresh {@value ItemCommitments#SALT_LENGTH}-byte salt for the commitment of {@code subjectRef}. */
    byte[] itemSalt(String subjectRef);

    /** Random salts from a new {@link SecureRandom}. */
    static ItemSaltSource secureRandom() {
        final SecureRandom random = new SecureRandom();
        return subjectRef -> {
            final byte[] salt = new byte[ItemCommitments.SALT_LENGTH];
            random.nextBytes(salt);
            return salt;
        };
    }
}
