package com.postr.api.inventory;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Goods arrived: on-hand grows. The first receipt for a SKU opens its stock item. */
public record ReceiveStockCommand(@TargetAggregateIdentifier Sku sku, int quantity, String reference) {
}
