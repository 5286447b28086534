package io.custodia.sdk.client;

/**
 * Too many requests (429); wait and retry.
 *
 * <pre>{@code
 * catch (RateLimitedException e) { Thread.sleep(1000); }
 * }</pre>
 */
public final class RateLimitedException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(final int status, final Problem problem) {
        super(status, problem);
    }
}
