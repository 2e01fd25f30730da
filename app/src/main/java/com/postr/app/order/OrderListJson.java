package com.postr.app.order;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A list of orders (seed 003, sections 3.3.3 and 3.8). An offset page has the page fields and, so that a client
 * can go on with cursors from any page, {@code next_cursor}; a cursor page has only {@code limit},
 * {@code next_cursor} and {@code has_more}, since counting every match is what cursors avoid.
 */
record OrderListJson(List<OrderSummaryJson> data, Pagination pagination) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pagination(Integer page, int limit, Integer totalPages, Long totalItems, Boolean hasNext, Boolean hasPrev,
                      String nextCursor, boolean hasMore) {
    }

    static OrderListJson offset(List<OrderSummaryJson> data, int page, int limit, long totalItems, String nextCursor) {
        int totalPages = (int) ((totalItems + limit - 1) / limit);
        boolean hasNext = page < totalPages;
        return new OrderListJson(data, new Pagination(page, limit, totalPages, totalItems, hasNext, page > 1,
                hasNext ? nextCursor : null, hasNext));
    }

    static OrderListJson cursor(List<OrderSummaryJson> data, int limit, String nextCursor, boolean hasMore) {
        return new OrderListJson(data, new Pagination(null, limit, null, null, null, null,
                hasMore ? nextCursor : null, hasMore));
    }
}
