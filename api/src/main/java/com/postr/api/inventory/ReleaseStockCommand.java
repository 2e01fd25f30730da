package com.postr.api.inventory;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives an order's reserved units back. Releasing a reservation that is not active changes nothing. */
public record ReleaseStockCommand(@TargetAggregateIdentifier Sku sku, String orderId, String reason) {
}
