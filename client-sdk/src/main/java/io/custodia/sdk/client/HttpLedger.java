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
        return verify(Map.of());
    }

    @Override
    public LedgerVerification verify(final LedgerAnchor anchor) throws CustodiaException {
        return verify(Map.of("anchor", anchor.toString()));
    }

    private LedgerVerification verify(final Map<String, String> query) throws CustodiaException {
        return transport.send("POST", "/api/v1/ledger/verify", query, null, IdempotencyKey.none(),
                transport.type(LedgerVerification.class));
    }
}
