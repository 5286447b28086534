package io.custodia.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of a PERMIT's pointers: DELIVERED by the owner's gateway (the subjects it still held, the
 * released subjects erased since the decision, the ledger's delivery receipt), PENDING (the owner or its
 * ledger could not be reached; ask again after {@code retryAfterSeconds}) or REFUSED (the owner will not
 * release, with its reason; asking again will not help).
 */
public record Delivery(Status status, String storageUri, Map<String, List<String>> pointersBySubject,
        List<String> erasedSinceDecision, JsonNode receipt, Integer retryAfterSeconds, String reason) {
    public enum Status { DELIVERED, PENDING, REFUSED }

    public Delivery {
        Objects.requireNonNull(status, "status");
        pointersBySubject = Map.copyOf(pointersBySubject);
        erasedSinceDecision = List.copyOf(erasedSinceDecision);
    }

    static Delivery pending(final int retryAfterSeconds, final String reason) {
        return new Delivery(Status.PENDING, null, Map.of(), List.of(), null, retryAfterSeconds, reason);
    }

    static Delivery refused(final String reason) {
        return new Delivery(Status.REFUSED, null, Map.of(), List.of(), null, null, reason);
    }

    @Override
    public String toString() {
        // Pointers are personal data and never reach a log line.
        return "Delivery[" + status + ", " + pointersBySubject.size() + " subjects, " + erasedSinceDecision.size() + " erased]";
    }
}
