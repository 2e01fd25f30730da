package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

import java.time.Instant;

/** @param available units still free after this reservation */
public record StockReservedEvent(Sku sku, String orderId, int quantity, Instant expiresAt, int available) {
}
