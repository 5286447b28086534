package io.custodia.sdk.client;

/**
 * Ledger status (institutions, auditors) and whole-ledger verification (auditors).
 *
 * <pre>{@code
 * LedgerVerification v = auditorClient.ledger().verify();
 * LedgerVerification since = auditorClient.ledger().verify(v.head().orElseThrow());  // later: new blocks' signatures only
 * }</pre>
 */
public interface Ledger {
    /** {@code GET /api/v1/ledger}. */
    LedgerStatus status() throws CustodiaException;

    /** {@code POST /api/v1/ledger/verify}; a failed verification is a 200 answer with {@code valid=false}. */
    LedgerVerification verify() throws CustodiaException;

    /**
     * {@code POST /api/v1/ledger/verify?anchor=…}: every block re-hashed, {@code anchor}'s block must
     * still have its hash, signatures checked only after it. See {@link LedgerAnchor}.
     */
    LedgerVerification verify(LedgerAnchor anchor) throws CustodiaException;
}
