package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

public record StockReceivedEvent(Sku sku, int quantity, String reference, int onHand) {
}
