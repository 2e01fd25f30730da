package com.postr.api.order;

import com.postr.api.common.Money;

import java.time.Instant;
import java.util.List;

/** An order as the order-history read model knows it. The payment token is never part of it. */
public record OrderResponse(OrderId orderId, String customerId, OrderStatus status, List<OrderLine> lines,
                            PriceBreakdown prices, ShippingAddress shippingAddress, String paymentMethodType,
                            Payment payment, Shipment shipment, Cancellation cancellation, RefundStatus refundStatus, Money refunded,
                            List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {

    /**
     * The payment as the provider reported it: no card data beyond the brand and last four digits.
     *
     * @param status        PENDING (asked, no answer yet), AUTHORIZED, DECLINED, CAPTURED, VOIDED, PARTIALLY_REFUNDED
     *                      or REFUNDED
     * @param cardBrand     the provider's brand name ({@code visa}, {@code mastercard}, ...), or null
     * @param transactionId the provider's id of the payment (a Stripe PaymentIntent), or null before authorization
     */
    public record Payment(String status, String cardBrand, String cardLast4, String transactionId) {
    }

    public record Shipment(String carrier, String trackingNumber) {
    }

    public record Cancellation(CancellationReason reason, String note, String cancelledBy, OrderStatus fromStatus,
                               Money refundDue) {
    }

    public record TimelineEntry(OrderStatus status, Instant at) {
    }
}
