package com.postr.api.cart;

import com.postr.api.catalog.Sku;

public record CartItemQuantityChangedEvent(CartId cartId, Sku sku, int quantity) {
}
