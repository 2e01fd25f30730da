package com.postr.api.order;

/** A reference to a payment method held by the payment provider (a token), never card data. */
public record PaymentMethodRef(String type, String token) {
}
