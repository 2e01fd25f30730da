package com.postr.identity.archviolation;

import com.postr.api.cart.CartId;

/** Breaks the identity rule on purpose, so ArchitectureTest can show the rule would catch it. */
public class IdentityUsingCarts {

    CartId cart() {
        return new CartId("cart_1");
    }
}
