package com.postr.api.cart;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Sets the quantity of a line. */
public record ChangeCartItemQuantityCommand(@TargetAggregateIdentifier CartId cartId, Sku sku, int quantity,
                                            @TargetAggregateVersion Long expectedVersion) {
}
