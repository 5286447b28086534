package io.custodia.gateway.transparency;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import java.util.Objects;

/**
 * One leaf of the transparency log. The leaf's bytes are the canonical JSON of this entry, so anyone
 * replaying the blocks builds the same bytes: {@code {"block":..,"eventHash":..,"id":..,"position":..,
 * "schema":"custodia.log-entry.v1","txId":..,"type":..}}.
 *
 * @param schema always {@link #SCHEMA}: a leaf can never be read as anything else
 * @param type what was recorded ({@link LoggedEvents}): {@code access-event}, {@code erasure-receipt}, ...
 * @param id the recorded object's ID (access event ID, receipt ID)
 * @param txId the transaction that recorded it
 * @param block the block of that transaction
 * @param position the transaction's index in its block
 * @param eventHash lower-case hex SHA-256 of the transaction's chaincode event payload (canonical JSON)
 */
public record LogEntry(
        @JsonProperty("schema") String schema,
        @JsonProperty("type") String type,
        @JsonProperty("id") String id,
        @JsonProperty("txId") String txId,
        @JsonProperty("block") long block,
        @JsonProperty("position") int position,
        @JsonProperty("eventHash") String eventHash) {
    public static final String SCHEMA = "custodia.log-entry.v1";

    @JsonCreator
    public LogEntry {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("not a " + SCHEMA + " entry");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(txId, "txId");
        if (!Hashes.isSha256Hex(eventHash)) {
            throw new IllegalArgumentException("eventHash must be a SHA-256 in hex");
        }
    }

    static LogEntry of(final String type, final String id, final LedgerEvent event) {
        return new LogEntry(SCHEMA, type, id, event.txId(), event.block(), event.position(), Hashes.sha256Hex(event.payload()));
    }

    /** The leaf bytes. */
    public byte[] bytes() {
        return CanonicalJson.toBytes(this);
    }

    public static LogEntry parse(final byte[] bytes) {
        return CanonicalJson.parse(bytes, LogEntry.class);
    }
}
