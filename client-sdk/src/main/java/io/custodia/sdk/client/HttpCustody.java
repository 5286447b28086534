package io.custodia.sdk.client;

import java.util.Map;
import java.util.Objects;

final class HttpCustody implements Custody {
    record KeyRequest(String certificatePem) {}

    private final HttpTransport transport;

    HttpCustody(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public CustodyKey registerKey(final String certificatePem) throws CustodiaException {
        return transport.send("POST", "/api/v1/custody-keys", Map.of(),
                new KeyRequest(Objects.requireNonNull(certificatePem, "certificatePem")), IdempotencyKey.none(),
                transport.type(CustodyKey.class));
    }

    @Override
    public CustodyHead head(final String datasetId) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/datasets/", datasetId) + "/custody/head", Map.of(),
                transport.type(CustodyHead.class));
    }

    @Override
    public CustodyHopRecord recordHop(final String datasetId, final CustodyHopSubmission hop, final IdempotencyKey key)
            throws CustodiaException {
        return transport.send("POST", Queries.path("/api/v1/datasets/", datasetId) + "/custody-hops", Map.of(),
                Objects.requireNonNull(hop, "hop"), key, transport.type(CustodyHopRecord.class));
    }

    @Override
    public Page<CustodyChainEntry> chain(final String datasetId, final PageRequest page) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/datasets/", datasetId) + "/custody", Queries.page(page),
                transport.pageOf(CustodyChainEntry.class));
    }

    @Override
    public CustodyVerification verification(final String datasetId) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/datasets/", datasetId) + "/custody/verification", Map.of(),
                transport.type(CustodyVerification.class));
    }
}
