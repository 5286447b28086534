package io.custodia.gateway.system;

import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.javalin.http.Context;

/** Ledger status (height, head hash) and whole-ledger verification. */
public final class LedgerHandlers {
    private final LedgerClient ledger;

    public LedgerHandlers(final LedgerClient ledger) {
        this.ledger = ledger;
    }

    public void status(final Context ctx) throws LedgerException {
        ctx.json(ledger.status());
    }

    /** 200 with the report either way: a failed verification is a finding, not a server error. */
    public void verify(final Context ctx) throws LedgerException {
        ctx.json(ledger.verify());
    }
}
