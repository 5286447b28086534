package io.custodia.gateway.ledger;

import java.nio.charset.StandardCharsets;

/** A transaction the ledger has validated and committed durably, with the chaincode's response. */
public record Committed(String txId, long blockNumber, byte[] payload) {
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
