package com.postr.command.order;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;

import java.util.Optional;

/** What a SKU sells for right now, and under which title. */
public interface PriceLookup {

    Optional<PricedSku> find(Sku sku);

    record PricedSku(Sku sku, ProductId productId, String title, Money price, boolean forSale) {
    }
}
