package com.postr.api.order;

import java.time.Instant;

/**
 * An order's status at one point of its stream.
 *
 * @param reason         why it was cancelled (CANCELLED only)
 * @param carrier        who carries it (from SHIPPED on)
 * @param trackingNumber the carrier's tracking number (from SHIPPED on)
 * @param version        the sequence number of the event that set this status; a later status has a higher one
 */
public record OrderStatusUpdate(OrderId orderId, OrderStatus status, CancellationReason reason, String carrier,
                                String trackingNumber, long version, Instant at) {

    /** After these the order never changes status again. */
    public boolean terminal() {
        return status == OrderStatus.DELIVERED || status == OrderStatus.CANCELLED;
    }
}
