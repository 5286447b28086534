package io.custodia.sdk.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * One version of a dataset record in the ledger's history.
 *
 * <pre>{@code
 * for (HistoryEntry h : client.datasets().history("ds-001")) System.out.println(h.timestamp() + " " + h.txId());
 * }</pre>
 *
 * @param txId writing transaction
 * @param timestamp ledger time
 * @param delete whether the key was deleted by this write
 * @param record the record after the write; empty for a delete
 */
public record HistoryEntry(String txId, String timestamp, @JsonProperty("isDelete") boolean delete,
        Optional<DatasetRecord> record) {
    public HistoryEntry {
        record = record == null ? Optional.empty() : record;
    }
}
