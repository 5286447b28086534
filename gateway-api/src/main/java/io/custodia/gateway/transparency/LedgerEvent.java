package io.custodia.gateway.transparency;

import java.util.Objects;

/**
 * A chaincode event of a valid transaction, with its place in the ledger: what the log is built from.
 * Both backends can produce it (the embedded ledger's event hub, Fabric's chaincode events).
 *
 * @param block block number
 * @param position transaction index in the block
 * @param txId transaction ID
 * @param name event name
 * @param payload event payload (canonical JSON from the chaincode)
 */
public record LedgerEvent(long block, int position, String txId, String name, byte[] payload) {
    public LedgerEvent {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(name, "name");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
