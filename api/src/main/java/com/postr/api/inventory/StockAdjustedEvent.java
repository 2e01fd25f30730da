package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

public record StockAdjustedEvent(Sku sku, int quantityChange, AdjustmentReason reason, String note, int onHand) {
}
