package com.postr.api.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Catalog search: words, facets, a sort and a page. Filters combine with AND; the values of one filter with OR.
 * Empty sets and nulls mean "any". Variant filters (size, framed, paper, price, stock) must hold for one and the
 * same variant, so "A2, framed" never matches a product whose only A2 is unframed.
 *
 * @param text     the words typed, or null to list
 * @param page     zero-based
 * @param minPrice inclusive, in the shop currency's major unit
 * @param maxPrice inclusive
 */
public record SearchProductsQuery(String text, Set<String> categories, Set<String> artists, Set<PosterSize> sizes,
                                  Boolean framed, Set<PaperFinish> papers, Set<String> colors, BigDecimal minPrice,
                                  BigDecimal maxPrice, boolean inStockOnly, SearchSort sort, int page, int size) {

    /** The fixed price ranges of the price facet, in the shop currency's major unit; the last is open-ended. */
    public static final List<BigDecimal> PRICE_BOUNDS = List.of(
            new BigDecimal("20"), new BigDecimal("40"), new BigDecimal("80"));

    public SearchProductsQuery {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        artists = artists == null ? Set.of() : Set.copyOf(artists);
        sizes = sizes == null ? Set.of() : Set.copyOf(sizes);
        papers = papers == null ? Set.of() : Set.copyOf(papers);
        colors = colors == null ? Set.of() : Set.copyOf(colors);
        text = text == null || text.isBlank() ? null : text.strip();
        if (sort == null) {
            sort = text == null ? SearchSort.NEWEST : SearchSort.RELEVANCE;
        }
    }

}
