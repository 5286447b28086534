package io.custodia.sdk.client;

/**
 * The ledger or gateway is unavailable (503, or any 5xx); retry later.
 *
 * <pre>{@code
 * catch (ServiceUnavailableException e) { retryLater(); }
 * }</pre>
 */
public final class ServiceUnavailableException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(final int status, final Problem problem) {
        super(status, problem);
    }
}
