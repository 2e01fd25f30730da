package com.postr.api.catalog;

public record ProductDiscontinuedEvent(ProductId productId, String reason) {
}
