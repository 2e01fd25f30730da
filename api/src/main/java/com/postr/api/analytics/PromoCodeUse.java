package com.postr.api.analytics;

import java.math.BigDecimal;

/** A promo code's uses: orders confirmed in the range with it, the discount they got, and their totals. */
public record PromoCodeUse(String code, long orders, BigDecimal discount, BigDecimal sales) {
}
