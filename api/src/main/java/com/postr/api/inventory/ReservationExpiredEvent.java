package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

/** A reservation reached its expiry before the order was confirmed; its units are free again. */
public record ReservationExpiredEvent(Sku sku, String orderId, int quantity, int available) {
}
