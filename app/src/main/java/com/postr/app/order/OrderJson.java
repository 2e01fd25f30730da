package com.postr.app.order;

import com.postr.api.order.CancellationReason;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.RefundStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order in the shape of the design document (seed 003, section 3.3): amounts as exact decimals. */
record OrderJson(String orderId, String customerId, OrderStatus status, List<Item> items, String currency,
                 BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping, BigDecimal total,
                 Address shippingAddress, Payment payment, Shipment shipment, Cancellation cancellation,
                 Refund refund, List<TimelineEntry> timeline, long version, Instant createdAt, Instant updatedAt) {

    record Item(String sku, String productId, String name, int quantity, BigDecimal unitPrice, BigDecimal total) {
    }

    record Address(String name, String street, String city, String state, String zip, String country) {
    }

    record Payment(String methodType) {
    }

    record Shipment(String carrier, String trackingNumber) {
    }

    record Cancellation(CancellationReason reason, String note, String cancelledBy, OrderStatus fromStatus) {
    }

    record Refund(RefundStatus status, BigDecimal due, BigDecimal refunded) {
    }

    record TimelineEntry(OrderStatus status, Instant timestamp) {
    }

    static OrderJson of(OrderResponse o) {
        var p = o.prices();
        var a = o.shippingAddress();
        var c = o.cancellation();
        return new OrderJson(o.orderId().value(), o.customerId(), o.status(),
                o.lines().stream().map(l -> new Item(l.sku().value(), l.productId().value(), l.title(), l.quantity(),
                        l.unitPrice().amount(), l.lineTotal().amount())).toList(),
                p.total().currency(), p.subtotal().amount(), p.discount().amount(), p.tax().amount(),
                p.shipping().amount(), p.total().amount(),
                new Address(a.name(), a.street(), a.city(), a.state(), a.zip(), a.country()),
                new Payment(o.paymentMethodType()),
                o.shipment() == null ? null : new Shipment(o.shipment().carrier(), o.shipment().trackingNumber()),
                c == null ? null : new Cancellation(c.reason(), c.note(), c.cancelledBy(), c.fromStatus()),
                new Refund(o.refundStatus(), c == null ? BigDecimal.ZERO.setScale(p.total().amount().scale())
                        : c.refundDue().amount(), o.refunded().amount()),
                o.timeline().stream().map(t -> new TimelineEntry(t.status(), t.at())).toList(),
                o.version(), o.createdAt(), o.updatedAt());
    }
}
