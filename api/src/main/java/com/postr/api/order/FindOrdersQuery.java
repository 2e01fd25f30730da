package com.postr.api.order;

import java.time.Instant;

/**
 * A page of orders. Filters are optional (null means any); {@code from} inclusive, {@code to} exclusive.
 *
 * @param page zero-based
 */
public record FindOrdersQuery(String customerId, OrderStatus status, Instant from, Instant to, int page, int size,
                              SortField sort, boolean ascending) {

    public enum SortField {
        CREATED_AT, TOTAL, STATUS
    }
}
