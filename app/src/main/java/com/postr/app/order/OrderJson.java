package com.postr.app.order;

import com.postr.api.order.CancellationReason;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.RefundStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order in the shape of the design document (seed 003, section 3.3): amounts as exact decimals, the payment
 * as the provider reported it, and the delivery estimate (DeliveryProperties; null once cancelled).
 */
public record OrderJson(String orderId, String customerId, OrderStatus status, List<Item> items, String currency,
                 BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total,
                 Address shippingAddress, Payment payment, Shipment shipment, Instant estimatedDelivery,
                 Cancellation cancellation, Refund refund, List<TimelineEntry> timeline, long version,
                 Instant createdAt, Instant updatedAt) {

    record Item(String sku, String productId, String name, int quantity, BigDecimal unitPrice, BigDecimal total) {
    }

    record Address(String name, String street, String city, String state, String zip, String country) {
    }

    /**
     * @param status        null until the payment is asked for; then PENDING, AUTHORIZED, DECLINED, CAPTURED,
     *                      VOIDED, PARTIALLY_REFUNDED or REFUNDED
     * @param method        "Visa ending in 4242": the provider's card brand and last four digits, never card data
     * @param transactionId the provider's id of the payment (a Stripe PaymentIntent)
     */
    record Payment(String status, String method, String methodType, String cardBrand, String cardLast4,
                   String transactionId) {

        static Payment of(String methodType, OrderResponse.Payment p) {
            if (p == null) {
                return new Payment(null, null, methodType, null, null, null);
            }
            var method = p.cardBrand() == null ? null
                    : brandName(p.cardBrand()) + (p.cardLast4() == null ? "" : " ending in " + p.cardLast4());
            return new Payment(p.status(), method, methodType, p.cardBrand(), p.cardLast4(), p.transactionId());
        }

        /** Stripe's brand names as shoppers know them. */
        private static String brandName(String brand) {
            return switch (brand) {
                case "visa" -> "Visa";
                case "mastercard" -> "Mastercard";
                case "amex" -> "American Express";
                case "discover" -> "Discover";
                case "diners" -> "Diners Club";
                case "jcb" -> "JCB";
                case "unionpay" -> "UnionPay";
                case "cartes_bancaires" -> "Cartes Bancaires";
                default -> "Card";
            };
        }
    }

    record Shipment(String carrier, String trackingNumber) {
    }

    record Cancellation(CancellationReason reason, String note, String cancelledBy, OrderStatus fromStatus) {
    }

    record Refund(RefundStatus status, BigDecimal due, BigDecimal refunded) {
    }

    record TimelineEntry(OrderStatus status, Instant timestamp) {
    }

    public static OrderJson of(OrderResponse o, DeliveryProperties delivery) {
        var p = o.prices();
        var a = o.shippingAddress();
        var c = o.cancellation();
        return new OrderJson(o.orderId().value(), o.customerId(), o.status(),
                o.lines().stream().map(l -> new Item(l.sku().value(), l.productId().value(), l.title(), l.quantity(),
                        l.unitPrice().amount(), l.lineTotal().amount())).toList(),
                p.total().currency(), p.subtotal().amount(), p.discount().amount(), p.tax().amount(),
                p.shipping().amount(), p.total().amount(),
                new Address(a.name(), a.street(), a.city(), a.state(), a.zip(), a.country()),
                Payment.of(o.paymentMethodType(), o.payment()),
                o.shipment() == null ? null : new Shipment(o.shipment().carrier(), o.shipment().trackingNumber()),
                o.status() == OrderStatus.CANCELLED ? null : delivery.estimate(o.createdAt(), a.country()),
                c == null ? null : new Cancellation(c.reason(), c.note(), c.cancelledBy(), c.fromStatus()),
                new Refund(o.refundStatus(), c == null ? BigDecimal.ZERO.setScale(p.total().amount().scale())
                        : c.refundDue().amount(), o.refunded().amount()),
                o.timeline().stream().map(t -> new TimelineEntry(t.status(), t.at())).toList(),
                o.version(), o.createdAt(), o.updatedAt());
    }
}
