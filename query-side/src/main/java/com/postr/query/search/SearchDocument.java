package com.postr.query.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One product as search engines index it: the product's words, its variants with their stock, and a version that
 * grows with every event applied to either, so an older copy never overwrites a newer one.
 */
record SearchDocument(String productId, String title, String artist, String description, String category,
                      List<String> tags, List<String> colors, boolean active, Instant createdAt,
                      List<Variant> variants, long version) {

    record Variant(String sku, String size, boolean framed, String paper, BigDecimal price, String currency,
                   int available) {
    }
}
