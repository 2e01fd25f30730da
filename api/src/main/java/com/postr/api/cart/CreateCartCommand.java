package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a cart for a signed-in customer, or for a guest when customerId is null. */
public record CreateCartCommand(@TargetAggregateIdentifier CartId cartId, String customerId) {
}
