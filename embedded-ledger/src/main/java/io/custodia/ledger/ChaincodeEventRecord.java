package io.custodia.ledger;

import java.util.Objects;

/**
 * A chaincode event of a committed, valid transaction, with its position in the ledger.
 *
 * @param blockNumber block of the transaction
 * @param txIndex index of the transaction in the block
 * @param txId the transaction ID
 * @param chaincodeId the chaincode that set the event
 * @param eventName the event name given to {@code setEvent}
 * @param payload the event payload
 */
public record ChaincodeEventRecord(
        long blockNumber, int txIndex, String txId, String chaincodeId, String eventName, byte[] payload) {
    public ChaincodeEventRecord {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(eventName, "eventName");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The checkpoint to resume from after this event has been handled. */
    public EventCheckpoint next() {
        return EventCheckpoint.of(blockNumber, txIndex + 1);
    }
}
