package com.postr.command.promo;

import com.postr.api.common.Money;

import java.time.Instant;

/** What an order placement asks of promo codes. */
public interface PromoCodes {

    /**
     * The discount {@code code} gives on {@code subtotal} at {@code at}.
     *
     * @throws com.postr.api.common.CommandRejectedException with PROMO_CODE_INVALID, saying why, when it does not apply
     */
    Money discountFor(String code, Money subtotal, Instant at);

    /** Whether {@code code} exists and is active and within its window at {@code at}; the order value is not checked. */
    void requireApplicable(String code, Instant at);
}
