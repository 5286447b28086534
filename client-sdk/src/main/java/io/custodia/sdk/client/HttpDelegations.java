package io.custodia.sdk.client;

import java.util.Map;
import java.util.Objects;

final class HttpDelegations implements Delegations {
    private final HttpTransport transport;

    HttpDelegations(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public DelegationRecord register(final DelegationRequest request, final IdempotencyKey key) throws CustodiaException {
        return transport.send("POST", "/api/v1/delegations", Map.of(), Objects.requireNonNull(request, "request"), key,
                transport.type(DelegationRecord.class));
    }

    @Override
    public DelegationRecord end(final String delegationId) throws CustodiaException {
        return transport.send("POST", Queries.path("/api/v1/delegations/", delegationId) + "/end", Map.of(), null,
                IdempotencyKey.none(), transport.type(DelegationRecord.class));
    }
}
