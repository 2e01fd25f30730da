package com.postr.api.order;

import com.postr.api.catalog.Sku;

/** What the customer asks for; price and title are looked up, never taken from the client. */
public record RequestedItem(Sku sku, int quantity) {
}
