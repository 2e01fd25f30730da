package com.postr.api.cart;

public record CartClearedEvent(CartId cartId) {
}
