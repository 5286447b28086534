package io.custodia.ledger.exec;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A state entry returned to chaincode by range queries. */
final class LedgerKeyValue implements KeyValue {
    private final String key;
    private final byte[] value;

    LedgerKeyValue(final String key, final byte[] value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
