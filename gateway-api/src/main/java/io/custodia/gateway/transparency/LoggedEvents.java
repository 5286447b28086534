package io.custodia.gateway.transparency;

import io.custodia.canonical.CanonicalJson;
import java.util.Map;
import java.util.Optional;

/**
 * Which chaincode events become log leaves, and under which type and ID. A new kind of record (such as
 * delivery receipts) is one line here; events not listed are not logged.
 */
final class LoggedEvents {
    /** {@code idPrefix} keeps leaf IDs unique where a record is keyed by another's ID (a delivery by its event's). */
    private record Kind(String type, String idField, String idPrefix) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "AccessDecided", new Kind("access-event", "eventId", ""),
            "ErasureRecorded", new Kind("erasure-receipt", "receiptId", ""),
            "DeliveryRecorded", new Kind("delivery-receipt", "eventId", "delivery:"));

    private LoggedEvents() {}

    /** The entry for {@code event}, or empty when its kind is not logged. */
    static Optional<LogEntry> entry(final LedgerEvent event) {
        final Kind kind = KINDS.get(event.name());
        if (kind == null) {
            return Optional.empty();
        }
        final Object id = CanonicalJson.parse(event.payload(), Map.class).get(kind.idField());
        if (!(id instanceof String text)) {
            throw new IllegalStateException("event " + event.name() + " of tx " + event.txId() + " has no " + kind.idField());
        }
        return Optional.of(LogEntry.of(kind.type(), kind.idPrefix() + text, event));
    }
}
