package com.postr.api.order;

import com.postr.api.common.Money;

/** Always {@code total = subtotal - discount + tax + shipping}, each rounded half-even to minor units. */
public record PriceBreakdown(Money subtotal, Money discount, Money tax, Money shipping, Money total) {
}
