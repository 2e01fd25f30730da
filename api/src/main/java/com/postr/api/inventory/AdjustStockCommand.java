package com.postr.api.inventory;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A correction after counting, damage or loss: on-hand changes by {@code quantityChange} (negative or positive). */
public record AdjustStockCommand(@TargetAggregateIdentifier Sku sku, int quantityChange, AdjustmentReason reason,
                                 String note) {
}
