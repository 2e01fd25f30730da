package com.postr.api.order;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;

/** A line as sold: price and title fixed at placement, whatever the catalog says later. */
public record OrderLine(Sku sku, ProductId productId, String title, int quantity, Money unitPrice, Money lineTotal) {
}
