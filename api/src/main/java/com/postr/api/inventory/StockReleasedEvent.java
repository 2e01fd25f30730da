package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

public record StockReleasedEvent(Sku sku, String orderId, int quantity, String reason, int available) {
}
