package io.custodia.sdk.client;

import java.util.Map;

final class HttpLedger implements Ledger {
    private final HttpTransport transport;

    HttpLedger(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public LedgerStatus status() throws CustodiaException {
        return transport.get("/api/v1/ledger", Map.of(), transport.type(LedgerStatus.class));
    }

    @Override
    public LedgerVerification verify() throws CustodiaException {
        return transport.send("POST", "/api/v1/ledger/verify", Map.of(), null, IdempotencyKey.none(),
                transport.type(LedgerVerification.class));
    }
}
