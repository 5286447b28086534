package io.custodia.sdk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class HttpDatasets implements Datasets {
    record WithdrawalRequest(String reason) {}

    private final HttpTransport transport;

    HttpDatasets(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public DatasetRecord register(final DatasetRegistration registration, final IdempotencyKey key) throws CustodiaException {
        Objects.requireNonNull(registration, "registration");
        return transport.send("POST", "/api/v1/datasets", Map.of(), registration, key, transport.type(DatasetRecord.class));
    }

    @Override
    public Page<DatasetRecord> list(final DatasetQuery query, final PageRequest page) throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>();
        query.owner().ifPresent(v -> parameters.put("owner", v));
        query.tag().ifPresent(v -> parameters.put("tag", v));
        query.format().ifPresent(v -> parameters.put("format", v));
        query.status().ifPresent(v -> parameters.put("status", v));
        parameters.putAll(Queries.page(page));
        return transport.get("/api/v1/datasets", parameters, transport.pageOf(DatasetRecord.class));
    }

    @Override
    public DatasetRecord get(final String datasetId) throws CustodiaException {
        return transport.get(Queries.path("/api/v1/datasets/", datasetId), Map.of(), transport.type(DatasetRecord.class));
    }

    @Override
    public List<HistoryEntry> history(final String datasetId) throws CustodiaException {
        final JsonNode answer = transport.get(Queries.path("/api/v1/datasets/", datasetId) + "/history", Map.of(),
                transport.type(JsonNode.class));
        return Queries.list(transport, answer, HistoryEntry.class);
    }

    @Override
    public LineageGraph lineage(final String datasetId, final String direction, final int maxDepth) throws CustodiaException {
        final Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("direction", Objects.requireNonNull(direction, "direction"));
        parameters.put("maxDepth", Integer.toString(maxDepth));
        return transport.get(Queries.path("/api/v1/datasets/", datasetId) + "/lineage", parameters,
                transport.type(LineageGraph.class));
    }

    @Override
    public DatasetRecord withdraw(final String datasetId, final String reason) throws CustodiaException {
        return transport.send("POST", Queries.path("/api/v1/datasets/", datasetId) + "/withdrawal", Map.of(),
                new WithdrawalRequest(Objects.requireNonNull(reason, "reason")), IdempotencyKey.none(),
                transport.type(DatasetRecord.class));
    }
}
