package com.postr.api.inventory;

import com.postr.api.catalog.Sku;

public record FetchStockLevelQuery(Sku sku) {
}
