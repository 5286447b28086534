package io.custodia.gateway.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.federation.Delivery;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The response of {@code POST /api/v1/access-requests}: the recorded event as the chaincode wrote it,
 * the dataset's storage URI and the released subjects' pointers as the owner's gateway delivered them,
 * how many released subjects it no longer held (erased after the ledger decided), and the delivery
 * (null for a DENY): delivered with the ledger's receipt, pending (retry after) or refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessGrant(JsonNode event, String storageUri, List<ReleasedSubject> subjects, int subjectsWithoutPointers,
        DeliveryView delivery) {
    public AccessGrant {
        subjects = List.copyOf(subjects);
    }

    /** The delivery part of the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String status, Integer retryAfter, String reason, Map<String, Object> erasedSinceDecision,
            JsonNode receipt) {
        static DeliveryView of(final Delivery delivery) {
            return new DeliveryView(delivery.status().name().toLowerCase(Locale.ROOT), delivery.retryAfterSeconds(),
                    delivery.reason(),
                    delivery.status() == Delivery.Status.DELIVERED
                            ? Map.of("count", delivery.erasedSinceDecision().size(), "subjectRefs", delivery.erasedSinceDecision())
                            : null,
                    delivery.status() == Delivery.Status.DELIVERED ? delivery.receipt() : null);
        }
    }

    /** Whether the pointers are still to come (the owner's gateway could not be reached). */
    public boolean pending() {
        return delivery != null && "pending".equals(delivery.status());
    }

    @Override
    public String toString() {
        return "AccessGrant[" + event.path("eventId").asText() + ", " + subjects.size() + " subjects]";
    }
}
