package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A delivery receipt as stored under {@code DELIVERY [eventId]}: the delivery, the event's dataset,
 * owner and released count (so a receipt read alone tells how many released subjects were withheld —
 * erased between decision and delivery), when it was recorded (transaction time) and in which
 * transaction. At most one per access event.
 */
public final class DeliveryReceipt {
    private final Delivery delivery;
    private final String datasetId;
    private final String datasetOwner;
    private final long subjectsReleased;
    private final String deliveredAt;
    private final String txId;

    @JsonCreator
    public DeliveryReceipt(final Delivery delivery, final String datasetId, final String datasetOwner,
            final long subjectsReleased, final String deliveredAt, final String txId) {
        this.delivery = delivery;
        this.datasetId = datasetId;
        this.datasetOwner = datasetOwner;
        this.subjectsReleased = subjectsReleased;
        this.deliveredAt = deliveredAt;
        this.txId = txId;
    }

    public Delivery delivery() {
        return delivery;
    }

    public String datasetId() {
        return datasetId;
    }

    /** MSP ID of the institution that delivered (the dataset's owner, the only one allowed to record). */
    public String datasetOwner() {
        return datasetOwner;
    }

    /** The event's released count; {@code subjectsReleased - delivery.subjectsDelivered} were withheld. */
    public long subjectsReleased() {
        return subjectsReleased;
    }

    public String deliveredAt() {
        return deliveredAt;
    }

    public String txId() {
        return txId;
    }
}
