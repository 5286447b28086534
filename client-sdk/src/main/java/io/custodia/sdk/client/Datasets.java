package io.custodia.sdk.client;

import java.util.List;

/**
 * Dataset registration and reading (institutions; reading also auditors).
 *
 * <pre>{@code
 * DatasetRecord r = client.datasets().register(registration, IdempotencyKey.random());
 * DatasetRecord again = client.datasets().get(r.datasetId());
 * }</pre>
 */
public interface Datasets {
    /** {@code POST /api/v1/datasets}; answers once the ledger committed the record. */
    DatasetRecord register(DatasetRegistration registration, IdempotencyKey key) throws CustodiaException;

    /** {@link #register(DatasetRegistration, IdempotencyKey)} without idempotency key. */
    default DatasetRecord register(final DatasetRegistration registration) throws CustodiaException {
        return register(registration, IdempotencyKey.none());
    }

    /** {@code GET /api/v1/datasets}. */
    Page<DatasetRecord> list(DatasetQuery query, PageRequest page) throws CustodiaException;

    /** {@code GET /api/v1/datasets/{id}}; {@link NotFoundException} for missing or foreign datasets. */
    DatasetRecord get(String datasetId) throws CustodiaException;

    /** {@code GET /api/v1/datasets/{id}/history}, oldest first. */
    List<HistoryEntry> history(String datasetId) throws CustodiaException;

    /** {@code GET /api/v1/datasets/{id}/lineage}; direction {@code UP}, {@code DOWN} or {@code BOTH}. */
    LineageGraph lineage(String datasetId, String direction, int maxDepth) throws CustodiaException;

    /** {@code POST /api/v1/datasets/{id}/withdrawal} (owner). */
    DatasetRecord withdraw(String datasetId, String reason) throws CustodiaException;
}
