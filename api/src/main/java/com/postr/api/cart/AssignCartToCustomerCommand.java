package com.postr.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A guest cart becomes a signed-in customer's (on login with its cart token). Once assigned, it stays theirs. */
public record AssignCartToCustomerCommand(@TargetAggregateIdentifier CartId cartId, String customerId) {
}
