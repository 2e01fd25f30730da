package com.postr.api.cart;

public record PromoCodeAppliedToCartEvent(CartId cartId, String code) {
}
