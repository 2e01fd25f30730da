package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Takes the promo code off the cart. */
public record RemovePromoCodeFromCartCommand(@TargetAggregateIdentifier CartId cartId,
                                             @TargetAggregateVersion Long expectedVersion) {
}
