package com.postr.app.cart;

import com.postr.api.order.OrderStatus;

/** The answer to a checkout: the order it placed (shown by the orders resource) and its status so far. */
record CheckedOutJson(String orderId, String cartId, OrderStatus status) {
}
