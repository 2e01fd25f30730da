package com.postr.api.inventory;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order is confirmed: its reserved units leave on-hand for good. */
public record CommitStockCommand(@TargetAggregateIdentifier Sku sku, String orderId) {
}
