package io.custodia.ledger.exec;

import io.custodia.ledger.state.HistoryEntry;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** History of one key, newest first. */
final class HistoryIterator implements QueryResultsIterator<KeyModification> {
    private final List<HistoryEntry> entries;

    HistoryIterator(final List<HistoryEntry> entries) {
        this.entries = entries;
    }

    @Override
    public Iterator<KeyModification> iterator() {
        return entries.stream().<KeyModification>map(LedgerKeyModification::new).iterator();
    }

    @Override
    public void close() {
        // Entries were read eagerly.
    }
}
