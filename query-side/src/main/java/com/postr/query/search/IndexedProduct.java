package com.postr.query.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A product as it is stored in Elasticsearch (snake_case in JSON; see product-index.json). {@code price} is a number
 * to filter and sort on; {@code amount} keeps the exact decimal the shop charges.
 */
record IndexedProduct(String productId, String title, String artist, String description, String category,
                      List<String> tags, List<String> colors, boolean active, Instant createdAt,
                      List<Variant> variants) {

    record Variant(String sku, String size, boolean framed, String paper, double price, String amount,
                   String currency, int available) {

        SearchDocument.Variant toVariant() {
            return new SearchDocument.Variant(sku, size, framed, paper, new BigDecimal(amount), currency, available);
        }
    }

    static IndexedProduct of(SearchDocument document) {
        return new IndexedProduct(document.productId(), document.title(), document.artist(), document.description(),
                document.category(), document.tags(), document.colors(), document.active(), document.createdAt(),
                document.variants().stream().map(v -> new Variant(v.sku(), v.size(), v.framed(), v.paper(),
                        v.price().doubleValue(), v.price().toPlainString(), v.currency(), v.available())).toList());
    }
}
