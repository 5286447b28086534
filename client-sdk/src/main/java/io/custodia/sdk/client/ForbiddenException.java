package io.custodia.sdk.client;

/**
 * The caller's role may not use this endpoint (403).
 *
 * <pre>{@code
 * catch (ForbiddenException e) { System.err.println(e.problem().detail()); }
 * }</pre>
 */
public final class ForbiddenException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(final int status, final Problem problem) {
        super(status, problem);
    }
}
