package io.custodia.sdk.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class HttpConsents implements Consents {
    private final HttpTransport transport;

    HttpConsents(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public ConsentRecord grant(final ConsentRequest request, final IdempotencyKey key) throws CustodiaException {
        return transport.send("POST", "/api/v1/consents", Map.of(), Objects.requireNonNull(request, "request"), key,
                transport.type(ConsentRecord.class));
    }

    @Override
    public Page<ConsentRecord> mine(final Optional<String> delegationId, final PageRequest page) throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>();
        delegationId.ifPresent(d -> parameters.put("delegationId", d));
        parameters.putAll(Queries.page(page));
        return transport.get("/api/v1/me/consents", parameters, transport.pageOf(ConsentRecord.class));
    }

    @Override
    public ConsentRevocation revoke(final String consentId, final Optional<String> delegationId) throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>();
        delegationId.ifPresent(d -> parameters.put("delegationId", d));
        return transport.send("DELETE", Queries.path("/api/v1/consents/", consentId), parameters, null,
                IdempotencyKey.none(), transport.type(ConsentRevocation.class));
    }

    @Override
    public Page<AccessEvent> disclosures(final Optional<Instant> from, final Optional<Instant> to, final PageRequest page)
            throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>();
        from.ifPresent(f -> parameters.put("from", f.toString()));
        to.ifPresent(t -> parameters.put("to", t.toString()));
        parameters.putAll(Queries.page(page));
        return transport.get("/api/v1/me/disclosures", parameters, transport.pageOf(AccessEvent.class));
    }
}
