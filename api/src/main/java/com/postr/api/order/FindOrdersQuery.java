package com.postr.api.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A page of orders. Filters are optional (null means any); {@code from} inclusive, {@code to} exclusive. Orders
 * come sorted by {@code sort}, then (for totals and statuses) by creation, then by id, so the order is total.
 *
 * @param page  zero-based; ignored when {@code after} is given
 * @param after null for an offset page; else the page is the orders after this one in the sort order (keyset
 *              pagination: stable while orders are added, and as fast at any depth)
 */
public record FindOrdersQuery(String customerId, OrderStatus status, Instant from, Instant to, int page, int size,
                              SortField sort, boolean ascending, Position after) {

    public FindOrdersQuery(String customerId, OrderStatus status, Instant from, Instant to, int page, int size,
                           SortField sort, boolean ascending) {
        this(customerId, status, from, to, page, size, sort, ascending, null);
    }

    public enum SortField {
        CREATED_AT, TOTAL, STATUS
    }

    /** Where an order stands in every sort order: the values of the sort keys of the last order of a page. */
    public record Position(Instant createdAt, BigDecimal total, OrderStatus status, String orderId) {

        public static Position of(OrderSummary order) {
            return new Position(order.createdAt(), order.total().amount(), order.status(), order.orderId().value());
        }
    }
}
