package com.postr.query.order;

import com.postr.api.order.OrderResponse;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The payment of an order, from the payment's own events. A row of its own, keyed by order, so it does not
 * depend on the order's row being written first when the two streams are handled in different segments.
 */
@Entity
@Table(name = "order_history_payment")
class OrderPaymentView {

    @Id
    private String orderId;
    private String paymentId;
    private String status;
    private String cardBrand;
    private String cardLast4;
    private String transactionId;
    private BigDecimal captured;
    private long version;
    private Instant updatedAt;

    protected OrderPaymentView() {
    }

    OrderPaymentView(String orderId, String paymentId) {
        this.orderId = orderId;
        this.paymentId = paymentId;
        this.status = "PENDING";
        this.version = -1;
    }

    String orderId() {
        return orderId;
    }

    /** Whether the event at {@code sequenceNumber} of payment {@code id} is news to this row. */
    boolean isNewTo(String id, long sequenceNumber) {
        return !id.equals(paymentId) || sequenceNumber > version;
    }

    void apply(String id, long sequenceNumber, Instant at, String newStatus) {
        if (!id.equals(paymentId)) { // a later payment of the same order replaces the earlier one's summary
            paymentId = id;
            cardBrand = null;
            cardLast4 = null;
            transactionId = null;
            captured = null;
        }
        status = newStatus;
        version = sequenceNumber;
        updatedAt = at;
    }

    void authorized(String reference, String brand, String last4) {
        transactionId = reference;
        cardBrand = brand;
        cardLast4 = last4;
    }

    void captured(BigDecimal amount) {
        captured = amount;
    }

    BigDecimal captured() {
        return captured;
    }

    OrderResponse.Payment toResponse() {
        return new OrderResponse.Payment(status, cardBrand, cardLast4, transactionId);
    }
}
