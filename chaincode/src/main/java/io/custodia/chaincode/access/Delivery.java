package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;

/**
 * A delivery as the dataset owner's gateway submits it: which access event's released subjects it
 * handed to which recipient, how many, and the RFC 6962 Merkle root of the delivered subject references
 * ({@code SetRoots.rootOfStringSet}). No pointers: they never go on the ledger.
 */
public final class Delivery {
    private final String eventId;
    private final String recipient;
    private final long subjectsDelivered;
    private final String deliveredSubjectsRoot;

    @JsonCreator
    public Delivery(final String eventId, final String recipient, final long subjectsDelivered,
            final String deliveredSubjectsRoot) {
        this.eventId = Fields.id("eventId", eventId);
        this.recipient = Fields.mspId("recipient", recipient);
        this.subjectsDelivered = Fields.nonNegative("subjectsDelivered", subjectsDelivered);
        this.deliveredSubjectsRoot = Fields.sha256("deliveredSubjectsRoot", deliveredSubjectsRoot);
    }

    public String eventId() {
        return eventId;
    }

    /** MSP ID of the institution the pointers were handed to: the event's requester. */
    public String recipient() {
        return recipient;
    }

    public long subjectsDelivered() {
        return subjectsDelivered;
    }

    public String deliveredSubjectsRoot() {
        return deliveredSubjectsRoot;
    }
}
