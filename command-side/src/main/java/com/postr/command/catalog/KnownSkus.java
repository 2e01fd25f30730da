package com.postr.command.catalog;

import com.postr.api.catalog.Sku;

/** Whether the catalog sells a SKU: what other aggregates may ask of it. */
public interface KnownSkus {

    boolean isRegistered(Sku sku);
}
