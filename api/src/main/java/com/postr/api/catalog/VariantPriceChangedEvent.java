package com.postr.api.catalog;

import com.postr.api.common.Money;

public record VariantPriceChangedEvent(ProductId productId, Sku sku, Money previousPrice, Money price) {
}
