package com.postr.api.order;

import java.util.Objects;
import java.util.UUID;

/** Identifies an order, for example {@code ord_3f2c...}. */
public record OrderId(String value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId generate() {
        return new OrderId("ord_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
