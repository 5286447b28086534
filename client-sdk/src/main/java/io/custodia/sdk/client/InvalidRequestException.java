package io.custodia.sdk.client;

/**
 * The request is invalid (400); {@code problem().errors()} names each field.
 *
 * <pre>{@code
 * catch (InvalidRequestException e) { e.problem().errors().forEach(f -> show(f.field(), f.message())); }
 * }</pre>
 */
public final class InvalidRequestException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(final int status, final Problem problem) {
        super(status, problem);
    }
}
