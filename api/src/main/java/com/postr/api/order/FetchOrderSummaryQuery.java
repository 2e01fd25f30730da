package com.postr.api.order;

/** The order as lists show it (its list-only columns included); answers an optional {@link OrderSummary}. */
public record FetchOrderSummaryQuery(OrderId orderId) {
}
