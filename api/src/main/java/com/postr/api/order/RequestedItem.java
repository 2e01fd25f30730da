package com.postr.api.order;

import com.postr.api.catalog.Sku;

import java.math.BigDecimal;

/**
 * What the customer asks for; price and title are looked up, never taken from the client.
 *
 * @param seenUnitPrice the unit price the shopper was shown, in the shop's currency, or null; when given and no
 *                      longer current, placement is refused with {@code PRICE_CHANGED} rather than charging another
 *                      amount silently
 */
public record RequestedItem(Sku sku, int quantity, BigDecimal seenUnitPrice) {

    public RequestedItem(Sku sku, int quantity) {
        this(sku, quantity, null);
    }
}
