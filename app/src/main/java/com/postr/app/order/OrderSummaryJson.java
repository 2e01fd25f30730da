package com.postr.app.order;

import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;

/** An order in a list (seed 003, section 3.3.3). */
record OrderSummaryJson(String orderId, OrderStatus status, Instant createdAt, BigDecimal total, String currency,
                        int itemsCount) {

    static OrderSummaryJson of(OrderResponse o) {
        return new OrderSummaryJson(o.orderId().value(), o.status(), o.createdAt(), o.prices().total().amount(),
                o.prices().total().currency(), o.lines().stream().mapToInt(OrderLine::quantity).sum());
    }
}
