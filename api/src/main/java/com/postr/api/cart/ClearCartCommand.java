package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes every line and the promo code. */
public record ClearCartCommand(@TargetAggregateIdentifier CartId cartId, @TargetAggregateVersion Long expectedVersion) {
}
