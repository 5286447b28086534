package io.custodia.chaincode.dataset;

import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * Every committed version of a dataset record, oldest first, from the peer's history index.
 *
 * <p>Fabric 2.x returns history newest first; the audit view reads better in the order things
 * happened, so the list is reversed. A dataset record is written a handful of times (registration,
 * withdrawal), so the history is returned whole, without pagination.
 */
final class DatasetHistory {
    private final ChaincodeStub stub;

    DatasetHistory(final ChaincodeStub stub) {
        this.stub = stub;
    }

    List<HistoryEntry> of(final String datasetId) {
        final String key = StateKey.of(KeyType.DATASET, datasetId).encoded();
        final List<HistoryEntry> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey(key)) {
            for (final KeyModification mod : results) {
                final DatasetRecord record = mod.isDeleted() ? null : State.decode(key, mod.getValue(), DatasetRecord.class);
                entries.add(new HistoryEntry(mod.getTxId(), mod.getTimestamp().toString(), mod.isDeleted(), record));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only closing the iterator declares a checked exception.
            throw new IllegalStateException("history query for dataset " + datasetId + " failed", e);
        }
        Collections.reverse(entries);
        return entries;
    }
}
