package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a cart for a signed-in customer, or for a guest when customerId is null; a guest cart answers to the
 * holder of its token, of which the cart keeps only the hash ({@link GuestCartToken#hash}).
 */
public record CreateCartCommand(@TargetAggregateIdentifier CartId cartId, String customerId, String guestTokenHash) {
}
