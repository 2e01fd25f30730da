package com.postr.app.inventory;

import java.time.Instant;

record ReservationJson(String sku, String orderId, int quantity, Instant expiresAt, StockLevelJson stock) {
}
