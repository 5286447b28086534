package io.custodia.ledger.block;

/** Bytes that do not decode as a block or transaction. */
public final class MalformedBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedBlockException(final String message) {
        super(message);
    }
}
