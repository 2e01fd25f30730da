package com.postr.api.order;

import com.postr.api.common.Money;

import java.time.Instant;
import java.util.List;

/** An order as the order-history read model knows it. The payment token is never part of it. */
public record OrderResponse(OrderId orderId, String customerId, OrderStatus status, List<OrderLine> lines,
                            PriceBreakdown prices, ShippingAddress shippingAddress, String paymentMethodType,
                            Shipment shipment, Cancellation cancellation, RefundStatus refundStatus, Money refunded,
                            List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {

    public record Shipment(String carrier, String trackingNumber) {
    }

    public record Cancellation(CancellationReason reason, String note, String cancelledBy, OrderStatus fromStatus,
                               Money refundDue) {
    }

    public record TimelineEntry(OrderStatus status, Instant at) {
    }
}
