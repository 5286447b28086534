package io.custodia.ledger;

/** The ledger could not do its job (I/O failure, corrupt files, closed ledger). */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(final String message) {
        super(message);
    }

    public LedgerException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
