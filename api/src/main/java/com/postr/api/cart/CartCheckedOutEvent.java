package com.postr.api.cart;

import com.postr.api.order.OrderId;

/** The cart became an order; it accepts no more changes. */
public record CartCheckedOutEvent(CartId cartId, OrderId orderId) {
}
