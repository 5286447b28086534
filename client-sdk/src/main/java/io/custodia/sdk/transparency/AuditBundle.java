package io.custodia.sdk.transparency;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodia.sdk.client.AccessEvent;
import java.util.List;
import java.util.Objects;

/**
 * An offline audit bundle ({@code custodia audit bundle}): access events with their log leaves and
 * inclusion proofs, and the signed (possibly cosigned) checkpoint they were proved against. One JSON
 * file; {@link BundleVerifier} checks it with no network.
 *
 * @param format always {@link #FORMAT}
 * @param checkpoint the signed-note checkpoint text
 * @param selector what the events were selected by (for the reader; not verified)
 * @param events the events and their proofs
 */
public record AuditBundle(
        @JsonProperty("format") String format,
        @JsonProperty("checkpoint") String checkpoint,
        @JsonProperty("selector") String selector,
        @JsonProperty("events") List<Item> events) {
    public static final String FORMAT = "custodia.audit-bundle.v1";

    public AuditBundle {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        Objects.requireNonNull(checkpoint, "checkpoint");
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * One event.
     *
     * @param event the access event as the trail returned it
     * @param leafIndex its leaf
     * @param leaf base64 of the exact leaf bytes
     * @param proof base64 audit path, leaf to root
     */
    public record Item(
            @JsonProperty("event") AccessEvent event,
            @JsonProperty("leafIndex") long leafIndex,
            @JsonProperty("leaf") String leaf,
            @JsonProperty("proof") List<String> proof) {
        public Item {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(leaf, "leaf");
            proof = proof == null ? List.of() : List.copyOf(proof);
        }
    }
}
