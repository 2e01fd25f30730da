package com.postr.api.cart;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Adds units of a SKU (more of it if already there). expectedVersion: the cart version the client saw, or null. */
public record AddCartItemCommand(@TargetAggregateIdentifier CartId cartId, Sku sku, int quantity,
                                 @TargetAggregateVersion Long expectedVersion) {
}
