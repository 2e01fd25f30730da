package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Puts a promo code on the cart; it must exist and be active now. Its minimum is checked at checkout. */
public record ApplyPromoCodeToCartCommand(@TargetAggregateIdentifier CartId cartId, String code, Instant at,
                                          @TargetAggregateVersion Long expectedVersion) {
}
