/** HTTP resource for carts: lines, promo code, versioned updates (If-Match) and checkout. */
package com.postr.app.cart;
