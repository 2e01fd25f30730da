package com.postr.api.cart;

public record FetchCartQuery(CartId cartId) {
}
