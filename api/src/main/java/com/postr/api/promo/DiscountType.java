package com.postr.api.promo;

public enum DiscountType {
    /** {@code percentOff} percent of the subtotal, rounded half-even to the cent. */
    PERCENTAGE,
    /** {@code amountOff} off the subtotal, never more than the subtotal. */
    FIXED_AMOUNT
}
