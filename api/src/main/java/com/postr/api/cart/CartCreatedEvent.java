package com.postr.api.cart;

public record CartCreatedEvent(CartId cartId, String customerId) {
}
