package io.custodia.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class HttpAudit implements Audit {
    private final HttpTransport transport;

    HttpAudit(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public Page<AccessEvent> accessEvents(final AccessEventQuery query, final PageRequest page) throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>(query.parameters());
        parameters.putAll(Queries.page(page));
        return transport.get("/api/v1/audit/access-events", parameters, transport.pageOf(AccessEvent.class));
    }

    @Override
    public AccessEvent accessEvent(final String eventId) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/audit/access-events/", eventId), Map.of(), transport.type(AccessEvent.class));
    }

    @Override
    public List<ErasureReceipt> erasures(final String subjectRef) throws CustodiaException {
        final JsonNode answer = transport.get("/api/v1/audit/erasures", Map.of("subjectRef", subjectRef),
                transport.type(JsonNode.class));
        return Queries.list(transport, answer, ErasureReceipt.class);
    }

    @Override
    public ErasureReceipt erasure(final String receiptId) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/audit/erasures/", receiptId), Map.of(), transport.type(ErasureReceipt.class));
    }
}
