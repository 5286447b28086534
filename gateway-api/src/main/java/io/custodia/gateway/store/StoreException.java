package io.custodia.gateway.store;

/**
 * A failure of the off-chain store itself (database unreachable, constraint broken, stored value
 * failing authentication).
 *
 * <p>Messages name the operation and, for SQL failures, the SQLSTATE only: never a patient
 * identifier, pointer or salt. The cause is kept for diagnosis; personal columns are stored
 * encrypted, so even a database error detail echoing a row shows ciphertext only.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for {@code operation}, keeping {@code cause} for diagnosis. */
    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception without an underlying cause. */
    public StoreException(final String message) {
        super(message);
    }
}
