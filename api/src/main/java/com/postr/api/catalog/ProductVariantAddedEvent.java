package com.postr.api.catalog;

public record ProductVariantAddedEvent(ProductId productId, ProductVariant variant) {
}
