package com.postr.api.order;

import com.postr.api.common.Money;

import java.time.Instant;

/** An order in a list: what a list shows, without the lines, addresses and history a list never reads. */
public record OrderSummary(OrderId orderId, String customerId, OrderStatus status, Instant createdAt, Money total,
                           int itemsCount) {

    /** What a list shows of this order, by the same rules the read model keeps its list columns. */
    public static OrderSummary of(OrderResponse order) {
        return new OrderSummary(order.orderId(), order.customerId(), order.status(), order.createdAt(),
                order.prices().total(), order.lines().stream().mapToInt(OrderLine::quantity).sum());
    }
}
