package com.postr.query.search;

import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.SearchProductsQuery;

import java.util.HashMap;
import java.util.Map;

/**
 * Facet rows as the statements return them: (facet, value, products), the total under facet "total", and a variant
 * facet's value also as facet "offer" with the value's bit in {@link Offers}.
 */
final class Tally {
    private final Map<String, Map<String, Long>> counts = new HashMap<>();
    private final long[] prices = new long[SearchProductsQuery.PRICE_BOUNDS.size() + 1];
    long total;

    void add(String facet, String value, long products) {
        switch (facet) {
            case "total" -> total = products;
            case "price" -> prices[Integer.parseInt(value)] = products;
            case "offer" -> {
                var offer = Offers.ALL.get(Integer.parseInt(value));
                add(offer.facet(), offer.value(), products);
            }
            default -> counts.computeIfAbsent(facet, k -> new HashMap<>()).put(value, products);
        }
    }

    ProductSearchResult.Facets facets() {
        return SearchResults.facets(counts.getOrDefault("category", Map.of()),
                counts.getOrDefault("artist", Map.of()), counts.getOrDefault("size", Map.of()),
                counts.getOrDefault("framed", Map.of()), counts.getOrDefault("paper", Map.of()),
                counts.getOrDefault("color", Map.of()), prices);
    }
}
