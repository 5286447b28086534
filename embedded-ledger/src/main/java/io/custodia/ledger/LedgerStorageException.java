package io.custodia.ledger;

/**
 * A block could not be written (disk full, I/O error): the transactions waiting for it fail with this
 * and were not committed. Reads keep working, and the ledger tries again with the next block, so it
 * recovers by itself once space is freed; {@link EmbeddedLedger#writeProblem()} says whether it can
 * write meanwhile.
 */
public final class LedgerStorageException extends LedgerException {
    private static final long serialVersionUID = 1L;
    private final boolean full;

    public LedgerStorageException(final String message, final Throwable cause) {
        super(message, cause);
        this.full = mentionsFull(cause);
    }

    /** Whether the cause is a full disk or an exceeded quota (rather than another I/O error). */
    public boolean full() {
        return full;
    }

    private static boolean mentionsFull(final Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            final String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
