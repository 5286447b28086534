package io.custodia.sdk.client;

/**
 * The object is missing or belongs to another institution; the gateway never says which (404).
 *
 * <pre>{@code
 * catch (NotFoundException e) { return Optional.empty(); }
 * }</pre>
 */
public final class NotFoundException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(final int status, final Problem problem) {
        super(status, problem);
    }
}
