package io.custodia.sdk.client;

import java.util.Map;
import java.util.Objects;

final class HttpAccess implements Access {
    private final HttpTransport transport;

    HttpAccess(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public AccessResult request(final AccessRequest request, final IdempotencyKey key) throws CustodiaException {
        return transport.send("POST", "/api/v1/access-requests", Map.of(), Objects.requireNonNull(request, "request"), key,
                transport.type(AccessResult.class));
    }
}
