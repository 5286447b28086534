package io.custodia.sdk.client;

/**
 * No token, or the token is invalid or expired (401).
 *
 * <pre>{@code
 * catch (UnauthenticatedException e) { renewToken(); }
 * }</pre>
 */
public final class UnauthenticatedException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(final int status, final Problem problem) {
        super(status, problem);
    }
}
