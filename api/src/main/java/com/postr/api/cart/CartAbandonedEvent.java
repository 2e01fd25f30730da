package com.postr.api.cart;

import com.postr.api.common.Money;

/** Untouched for the configured time (30 days by default): counted by analytics, accepts no more changes. */
public record CartAbandonedEvent(CartId cartId, String customerId, int items, Money value) {
}
