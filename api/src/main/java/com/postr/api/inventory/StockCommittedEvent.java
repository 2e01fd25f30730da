package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

/** A confirmed order took its reserved units: on-hand falls by {@code quantity}. */
public record StockCommittedEvent(Sku sku, String orderId, int quantity, int onHand) {
}
