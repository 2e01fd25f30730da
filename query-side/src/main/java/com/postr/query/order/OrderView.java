package com.postr.query.order;

import com.postr.api.common.Money;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.RefundStatus;
import com.postr.api.order.ShippingAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "order_history")
class OrderView {

    @Id
    private String orderId;
    private String customerId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private BigDecimal total;
    private String currency;
    private int itemsCount;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<OrderLine> lines;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private PriceBreakdown prices;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private ShippingAddress shippingAddress;
    private String paymentMethodType;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private OrderResponse.Shipment shipment;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private OrderResponse.Cancellation cancellation;
    @Enumerated(EnumType.STRING)
    private RefundStatus refundStatus;
    private BigDecimal refunded;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<OrderResponse.TimelineEntry> timeline;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    protected OrderView() {
    }

    OrderView(String orderId, String customerId, List<OrderLine> lines, PriceBreakdown prices,
              ShippingAddress shippingAddress, String paymentMethodType, long version, Instant at) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.status = OrderStatus.PENDING;
        this.total = prices.total().amount();
        this.currency = prices.total().currency();
        this.itemsCount = lines.stream().mapToInt(OrderLine::quantity).sum();
        this.lines = new ArrayList<>(lines);
        this.prices = prices;
        this.shippingAddress = shippingAddress;
        this.paymentMethodType = paymentMethodType;
        this.refundStatus = RefundStatus.NONE;
        this.refunded = BigDecimal.ZERO;
        this.timeline = new ArrayList<>(List.of(new OrderResponse.TimelineEntry(OrderStatus.PENDING, at)));
        this.version = version;
        this.createdAt = at;
        this.updatedAt = at;
    }

    String orderId() {
        return orderId;
    }

    OrderStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isNewerThanView(long sequenceNumber) {
        return sequenceNumber > version;
    }

    void moveTo(OrderStatus newStatus, long sequenceNumber, Instant at) {
        this.status = newStatus;
        var entries = new ArrayList<>(timeline);
        entries.add(new OrderResponse.TimelineEntry(newStatus, at));
        this.timeline = entries;
        touch(sequenceNumber, at);
    }

    void touch(long sequenceNumber, Instant at) {
        this.version = sequenceNumber;
        this.updatedAt = at;
    }

    void ship(String carrier, String trackingNumber) {
        this.shipment = new OrderResponse.Shipment(carrier, trackingNumber);
    }

    void cancel(OrderResponse.Cancellation cancellation) {
        this.cancellation = cancellation;
        this.refundStatus = cancellation.refundDue().signum() > 0 ? RefundStatus.PENDING : RefundStatus.NONE;
    }

    void refund(Money refundedSoFar, RefundStatus refundStatus) {
        this.refunded = refundedSoFar.amount();
        this.refundStatus = refundStatus;
    }

    /** @param payment the payment's summary, or null where the caller does not show it (lists) */
    OrderResponse toResponse(OrderResponse.Payment payment) {
        return new OrderResponse(new OrderId(orderId), customerId, status, List.copyOf(lines), prices,
                shippingAddress, paymentMethodType, payment, shipment, cancellation, refundStatus,
                new Money(refunded.stripTrailingZeros(), currency), List.copyOf(timeline), version, createdAt,
                updatedAt);
    }
}
