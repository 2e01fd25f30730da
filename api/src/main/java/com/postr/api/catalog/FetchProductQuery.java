package com.postr.api.catalog;

public record FetchProductQuery(ProductId productId) {
}
