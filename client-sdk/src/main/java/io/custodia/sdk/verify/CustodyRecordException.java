package io.custodia.sdk.verify;

/**
 * A custody listing cannot be verified as given: a hop lacks its certificate, or the hop hash the
 * ledger reports is not the hash of the hop's statement.
 *
 * <pre>{@code
 * try { CustodyRecords.toSignedHops(records); } catch (CustodyRecordException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class CustodyRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public CustodyRecordException(final String message) {
        super(message);
    }
}
