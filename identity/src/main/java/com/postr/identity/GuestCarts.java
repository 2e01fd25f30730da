package com.postr.identity;

/**
 * What logging in needs of carts: a guest cart named at login joins the account. Identity states the need;
 * the cart side answers it, so identity never depends on carts.
 */
public interface GuestCarts {

    /** The account takes the guest cart whose token it shows; a wrong token or someone else's cart is refused. */
    long claim(String cartId, String token, Caller caller);
}
