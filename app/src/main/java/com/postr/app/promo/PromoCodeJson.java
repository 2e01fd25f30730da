package com.postr.app.promo;

import com.postr.api.common.Money;
import com.postr.api.promo.DiscountType;
import com.postr.api.promo.PromoCodeResponse;

import java.math.BigDecimal;
import java.time.Instant;

record PromoCodeJson(String code, DiscountType type, BigDecimal percentOff, Money amountOff, Money minimumOrderValue,
                     Instant validFrom, Instant validUntil, Integer usageLimit, boolean active, int redemptions,
                     Integer remaining, Instant createdAt) {

    static PromoCodeJson of(PromoCodeResponse p) {
        return new PromoCodeJson(p.code(), p.type(), p.percentOff(), p.amountOff(), p.minimumOrderValue(),
                p.validFrom(), p.validUntil(), p.usageLimit(), p.active(), p.redemptions(),
                p.usageLimit() == null ? null : Math.max(0, p.usageLimit() - p.redemptions()), p.createdAt());
    }
}
