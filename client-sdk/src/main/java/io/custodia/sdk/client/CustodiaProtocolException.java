package io.custodia.sdk.client;

/**
 * The gateway answered with a success status but a body this client cannot read (not JSON, or not the
 * shape {@code docs/api.md} promises). Usually a version mismatch between client and gateway, or a
 * proxy answering in the gateway's place.
 *
 * <pre>{@code
 * catch (CustodiaProtocolException e) { System.err.println("unexpected answer: " + e.getMessage()); }
 * }</pre>
 */
public final class CustodiaProtocolException extends CustodiaException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CustodiaProtocolException(final int status, final String message, final Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status of the unreadable answer. */
    public int status() {
        return status;
    }
}
