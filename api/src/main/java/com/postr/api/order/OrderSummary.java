package com.postr.api.order;

import com.postr.api.common.Money;

import java.time.Instant;

/** An order in a list: what a list shows, without the lines, addresses and history a list never reads. */
public record OrderSummary(OrderId orderId, String customerId, OrderStatus status, Instant createdAt, Money total,
                           int itemsCount) {
}
