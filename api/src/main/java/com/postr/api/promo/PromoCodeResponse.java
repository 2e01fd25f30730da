package com.postr.api.promo;

import com.postr.api.common.Money;

import java.math.BigDecimal;
import java.time.Instant;

/** @param redemptions orders placed with the code and not cancelled */
public record PromoCodeResponse(String code, DiscountType type, BigDecimal percentOff, Money amountOff,
                                Money minimumOrderValue, Instant validFrom, Instant validUntil, Integer usageLimit,
                                boolean active, int redemptions, long version, Instant createdAt) {
}
