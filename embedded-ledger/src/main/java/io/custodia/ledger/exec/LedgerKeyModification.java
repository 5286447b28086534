package io.custodia.ledger.exec;

import io.custodia.ledger.state.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/** One history entry as chaincode sees it. */
final class LedgerKeyModification implements KeyModification {
    private final HistoryEntry entry;

    LedgerKeyModification(final HistoryEntry entry) {
        this.entry = entry;
    }

    @Override
    public String getTxId() {
        return entry.txId();
    }

    @Override
    public byte[] getValue() {
        return entry.value().clone();
    }

    @Override
    public String getStringValue() {
        return new String(entry.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Instant getTimestamp() {
        return entry.timestamp();
    }

    @Override
    public boolean isDeleted() {
        return entry.isDelete();
    }
}
