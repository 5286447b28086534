package io.custodia.sdk.client;

/**
 * Refused because of the ledger's state (409): the object already exists, the transaction lost a
 * concurrent update ({@code ledger-conflict}, {@link #retryable()}), or a business rule refused it
 * ({@code problem().slug()} is the chaincode code, e.g. {@code state-conflict}).
 *
 * <pre>{@code
 * catch (ConflictException e) { if (e.retryable()) retry(); else fail(e.problem().slug()); }
 * }</pre>
 */
public final class ConflictException extends CustodiaApiException {
    private static final long serialVersionUID = 1L;

    public ConflictException(final int status, final Problem problem) {
        super(status, problem);
    }
}
