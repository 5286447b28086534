package io.custodia.chaincode.testing;

import io.custodia.canonical.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/** What one transaction did: response, write set (in call order, null = delete) and event. */
public final class TxResult {
    private final String txId;
    private final int status;
    private final String message;
    private final byte[] payload;
    private final Map<String, byte[]> writes;
    private final String eventName;
    private final byte[] eventPayload;

    TxResult(final String txId, final int status, final String message, final byte[] payload,
            final Map<String, byte[]> writes, final String eventName, final byte[] eventPayload) {
        this.txId = txId;
        this.status = status;
        this.message = message;
        this.payload = payload == null ? new byte[0] : payload;
        this.writes = Collections.unmodifiableMap(writes);
        this.eventName = eventName;
        this.eventPayload = eventPayload;
    }

    public String txId() {
        return txId;
    }

    public boolean ok() {
        return status == 200;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The response payload as text (canonical JSON for Custodia's transactions). */
    public String payload() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public <T> T payloadAs(final Class<T> type) {
        return CanonicalJson.parse(payload, type);
    }

    /** The chaincode error code of a failed transaction (its payload), or null on success. */
    public String errorCode() {
        return ok() ? null : payload();
    }

    public Map<String, byte[]> writes() {
        return writes;
    }

    public String eventName() {
        return eventName;
    }

    public String eventPayload() {
        return eventPayload == null ? null : new String(eventPayload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return ok() ? "OK " + payload() : "FAILED " + status + " " + errorCode() + ": " + message;
    }
}
