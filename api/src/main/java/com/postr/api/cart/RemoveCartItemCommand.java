package com.postr.api.cart;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a line. */
public record RemoveCartItemCommand(@TargetAggregateIdentifier CartId cartId, Sku sku,
                                    @TargetAggregateVersion Long expectedVersion) {
}
