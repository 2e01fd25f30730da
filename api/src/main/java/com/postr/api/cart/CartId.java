package com.postr.api.cart;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** Identifies a cart. 128 random bits, so a guest's cart id is also an unguessable token for it. */
public record CartId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public CartId {
        Objects.requireNonNull(value, "value");
    }

    public static CartId generate() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new CartId("cart_" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
