package com.postr.app.web;

/** The header a guest sends their cart token in: the cart's own proof of who may touch it (docs/security.md). */
public final class CartTokenHeader {

    public static final String NAME = "X-Cart-Token";

    private CartTokenHeader() {
    }
}
