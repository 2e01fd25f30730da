package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

import java.time.Instant;

/** {@code available = onHand - reserved}, never negative. */
public record StockLevelResponse(Sku sku, int onHand, int reserved, int available, int activeReservations,
                                 long version, Instant updatedAt) {
}
