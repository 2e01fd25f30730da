package com.postr.api.cart;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;

/** A new line, with price and title as the catalog had them when added. */
public record CartItemAddedEvent(CartId cartId, Sku sku, ProductId productId, String title,
                                 Money unitPrice, int quantity) {
}
