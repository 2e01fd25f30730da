package com.postr.api.payment;

import java.util.Objects;
import java.util.UUID;

public record PaymentId(String value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
    }

    public static PaymentId generate() {
        return new PaymentId("pay_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The one payment checkout starts for an order. Deriving it from the order id means a redelivered
     * "order placed" event cannot start a second payment: the second creation is refused by the event store.
     */
    public static PaymentId forOrder(String orderId) {
        Objects.requireNonNull(orderId, "orderId");
        return new PaymentId("pay_" + (orderId.startsWith("ord_") ? orderId.substring(4) : orderId));
    }

    @Override
    public String toString() {
        return value;
    }
}
