package io.custodia.gateway.system;

import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.VerificationAnchor;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/** Ledger status (height, head hash) and whole-ledger verification. */
public final class LedgerHandlers {
    static final String ANCHOR = "anchor";
    static final String TX_ID = "txId";
    private static final Pattern TX_ID_FORMAT = Pattern.compile("[0-9a-f]{64}");

    private final LedgerClient ledger;

    public LedgerHandlers(final LedgerClient ledger) {
        this.ledger = ledger;
    }

    public void status(final Context ctx) throws LedgerException {
        ctx.json(ledger.status());
    }

    /**
     * 200 with the report either way: a failed verification is a finding, not a server error. An
     * optional {@code anchor=<block>:<headerHash>} (the {@code head} of an earlier report) limits the
     * signature checks to what is new since then.
     */
    public void verify(final Context ctx) throws LedgerException {
        ctx.json(ledger.verify(anchor(ctx)));
    }

    /** A transaction's final status: VALID or INVALID with its validation code, block and position; 404 when unknown. */
    public void transaction(final Context ctx) throws LedgerException {
        final String txId = ctx.pathParam(TX_ID);
        if (!TX_ID_FORMAT.matcher(txId).matches()) {
            throw ApiException.badRequest(TX_ID, "must be a transaction ID: 64 lower-case hex digits");
        }
        ctx.json(ledger.transaction(txId).orElseThrow(() -> ApiException.notFound()));
    }

    private static Optional<VerificationAnchor> anchor(final Context ctx) {
        final String text = ctx.queryParam(ANCHOR);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(VerificationAnchor.parse(text));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ANCHOR, e.getMessage());
        }
    }
}
