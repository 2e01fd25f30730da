package com.postr.api.catalog;

import com.postr.api.common.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** One page of search hits with the facet counts of the whole result. */
public record ProductSearchResult(List<Hit> hits, Facets facets, int page, int size, long totalHits) {

    /**
     * @param variants  the variants that satisfy the variant filters, cheapest first
     * @param highlight the matched words of each matching field wrapped in {@code <em>}, by field name
     */
    public record Hit(ProductId productId, String title, String artist, String category,
                      List<VariantHit> variants, Map<String, String> highlight) {
    }

    public record VariantHit(Sku sku, PosterSize size, boolean framed, PaperFinish paper,
                             Money price, int available) {
    }

    /**
     * Counts of products per value. Each facet is counted under every filter but its own, as shops do, so
     * choosing a size does not hide the other sizes.
     */
    public record Facets(List<Count> category, List<Count> artist, List<Count> size, List<Count> framed,
                         List<Count> paper, List<Count> color, List<PriceRange> price) {
    }

    public record Count(String value, long count) {
    }

    /** {@code from} inclusive, {@code to} exclusive; null {@code to} is open-ended. */
    public record PriceRange(BigDecimal from, BigDecimal to, long count) {
    }
}
