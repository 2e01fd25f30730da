package com.postr.query.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A product as it is stored in Elasticsearch (snake_case in JSON; see product-index.json). {@code price} is a number
 * to filter and sort on; {@code amount} keeps the exact decimal the shop charges. {@code offers} is what any of its
 * variants offers ({@link Offers.Offer#keyword}), so the variant facets that no other variant filter narrows are
 * counted on products rather than through every match's nested variants.
 */
record IndexedProduct(String productId, String title, String artist, String description, String category,
                      List<String> tags, List<String> colors, boolean active, Instant createdAt,
                      List<Variant> variants, List<String> offers) {

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
                        v.price().doubleValue(), v.price().toPlainString(), v.currency(), v.available())).toList(),
                document.variants().stream().flatMap(v -> Offers.of(v).stream()).map(Offers.Offer::keyword)
                        .distinct().sorted().toList());
    }
}
