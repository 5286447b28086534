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
    /** SQLite's primary result code SQLITE_FULL (extended codes keep it in the low byte). */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE disk_full. */
    private static final String POSTGRES_DISK_FULL = "53100";

    private final boolean storageFull;

    /** Creates an exception for {@code operation}, keeping {@code cause} for diagnosis. */
    public StoreException(final String message, final Throwable cause) {
        this(message, cause, false);
    }

    /** Creates an exception without an underlying cause. */
    public StoreException(final String message) {
        super(message);
        this.storageFull = false;
    }

    private StoreException(final String message, final Throwable cause, final boolean storageFull) {
        super(message, cause);
        this.storageFull = storageFull || cause instanceof StoreException s && s.storageFull;
    }

    /** A failure because the database's disk (or its size limit) is full. */
    static StoreException storageFull(final String message, final Throwable cause) {
        return new StoreException(message, cause, true);
    }

    /**
     * Whether the store failed for want of space: nothing was written, and a retry succeeds once
     * space is freed (the API answers 507, not 500).
     */
    public boolean storageFull() {
        return storageFull;
    }

    /**
     * Whether {@code failure} or one of its causes says the disk is full: SQLITE_FULL, PostgreSQL's
     * {@code 53100}, or an I/O error "No space left on device" (ENOSPC).
     */
    public static boolean isStorageFull(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreException s && s.storageFull) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql
                    && (POSTGRES_DISK_FULL.equals(sql.getSQLState())
                        || sql instanceof org.sqlite.SQLiteException && (sql.getErrorCode() & 0xff) == SQLITE_FULL)) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
