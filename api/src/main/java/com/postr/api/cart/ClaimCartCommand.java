package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A signed-in customer takes a guest cart, proving their right to it with its token (at login, or on the way to
 * checkout). Once a customer's, a cart stays theirs; anyone else is told the cart does not exist.
 */
public record ClaimCartCommand(@TargetAggregateIdentifier CartId cartId, String customerId, String cartToken) {
}
