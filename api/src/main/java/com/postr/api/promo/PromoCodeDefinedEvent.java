package com.postr.api.promo;

import com.postr.api.common.Money;

import java.math.BigDecimal;
import java.time.Instant;

public record PromoCodeDefinedEvent(String code, DiscountType type, BigDecimal percentOff, Money amountOff,
                                    Money minimumOrderValue, Instant validFrom, Instant validUntil,
                                    Integer usageLimit) {
}
