package io.custodia.gateway.system;

import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.VerificationAnchor;
import io.javalin.http.Context;
import java.util.Optional;

/** Ledger status (height, head hash) and whole-ledger verification. */
public final class LedgerHandlers {
    static final String ANCHOR = "anchor";

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
