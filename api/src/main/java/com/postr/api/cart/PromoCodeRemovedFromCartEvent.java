package com.postr.api.cart;

public record PromoCodeRemovedFromCartEvent(CartId cartId, String code) {
}
