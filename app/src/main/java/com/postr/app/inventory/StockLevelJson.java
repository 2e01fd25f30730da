package com.postr.app.inventory;

import com.postr.api.inventory.StockLevelResponse;

import java.time.Instant;

/** Stock of one SKU. {@code available = on_hand - reserved}, never negative. */
record StockLevelJson(String sku, int onHand, int reserved, int available, int activeReservations, long version,
                      Instant updatedAt) {

    static StockLevelJson of(StockLevelResponse level) {
        return new StockLevelJson(level.sku().value(), level.onHand(), level.reserved(), level.available(),
                level.activeReservations(), level.version(), level.updatedAt());
    }
}
