package com.postr.api.analytics;

import java.math.BigDecimal;
import java.util.List;

/** A product's sales in confirmed orders, and how they split over its variants (size, frame, paper). */
public record TopProduct(int rank, String productId, String title, String artist, long units, BigDecimal revenue,
                         List<VariantSales> variants) {

    public record VariantSales(String sku, String size, Boolean framed, String paper, long units,
                               BigDecimal revenue) {
    }
}
