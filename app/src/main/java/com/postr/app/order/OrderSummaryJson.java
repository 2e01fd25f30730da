package com.postr.app.order;

import com.postr.api.order.OrderSummary;
import com.postr.api.order.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;

/** An order in a list (seed 003, section 3.3.3). */
public record OrderSummaryJson(String orderId, OrderStatus status, Instant createdAt, BigDecimal total, String currency,
                        int itemsCount) {

    public static OrderSummaryJson of(OrderSummary o) {
        return new OrderSummaryJson(o.orderId().value(), o.status(), o.createdAt(), o.total().amount(),
                o.total().currency(), o.itemsCount());
    }
}
