package io.custodia.ledger.block;

import java.util.Objects;

/**
 * The chaincode event a transaction set (only the last {@code setEvent} of a transaction is kept).
 *
 * @param name event name
 * @param payload event payload
 */
public record TransactionEvent(String name, byte[] payload) {
    public TransactionEvent {
        Objects.requireNonNull(name, "name");
        payload = payload == null ? new byte[0] : payload;
    }
}
