package com.postr.api.cart;

import com.postr.api.catalog.Sku;

public record CartItemRemovedEvent(CartId cartId, Sku sku) {
}
