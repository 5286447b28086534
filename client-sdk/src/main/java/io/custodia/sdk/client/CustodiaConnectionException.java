package io.custodia.sdk.client;

/**
 * No HTTP answer: the gateway could not be reached, the connection broke, the call timed out or was
 * interrupted. Whether a write took effect is unknown; retry writes with the same
 * {@link IdempotencyKey} so a retry cannot duplicate them.
 *
 * <pre>{@code
 * catch (CustodiaConnectionException e) { retryLater(e.getMessage()); }
 * }</pre>
 */
public final class CustodiaConnectionException extends CustodiaException {
    private static final long serialVersionUID = 1L;

    public CustodiaConnectionException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
