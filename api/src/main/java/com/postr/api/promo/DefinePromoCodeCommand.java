package com.postr.api.promo;

import com.postr.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Defines a promo code. Optional limits are null: no minimum order value, no start, no end, no usage limit.
 *
 * @param code upper case, the identity of the promo code
 */
public record DefinePromoCodeCommand(@TargetAggregateIdentifier String code,
                                     DiscountType type,
                                     BigDecimal percentOff,
                                     Money amountOff,
                                     Money minimumOrderValue,
                                     Instant validFrom,
                                     Instant validUntil,
                                     Integer usageLimit) {
}
