package com.postr.query.search;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.SearchProductsQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a product's variants offer, as one bit per value of the variant facets ({@code catalog_search_product.offers},
 * and each variant's own in {@code variant_offers}): sizes, frames, papers, then price ranges. The PostgreSQL engine
 * counts facets by grouping a few hundred distinct integers rather than testing arrays of values for every match,
 * and tests variant filters with a mask (docs/performance.md, "Catalog search"). The migration that added the
 * columns fills them with this layout. Elasticsearch keeps a product's offers as keywords ({@link Offer#keyword}).
 */
final class Offers {

    /** One facet value and its bit, the position in {@link #ALL}. */
    record Offer(String facet, String value) {

        /** As Elasticsearch indexes it: {@code size:A3}, {@code framed:true}, {@code price:1}. */
        String keyword() {
            return facet + ":" + value;
        }

        static Offer ofKeyword(String keyword) {
            int colon = keyword.indexOf(':');
            return new Offer(keyword.substring(0, colon), keyword.substring(colon + 1));
        }
    }

    static final List<Offer> ALL = layout();

    /** The variant facets, in the layout's order. */
    static final List<String> FACETS = List.of("size", "framed", "paper", "price");

    private Offers() {
    }

    private static List<Offer> layout() {
        var offers = new ArrayList<Offer>();
        Arrays.stream(PosterSize.values()).forEach(size -> offers.add(new Offer("size", size.name())));
        offers.add(new Offer("framed", "true"));
        offers.add(new Offer("framed", "false"));
        Arrays.stream(PaperFinish.values()).forEach(paper -> offers.add(new Offer("paper", paper.name())));
        for (int bucket = 0; bucket <= SearchProductsQuery.PRICE_BOUNDS.size(); bucket++) {
            offers.add(new Offer("price", Integer.toString(bucket)));
        }
        return List.copyOf(offers);
    }

    /** What one variant offers: a value of each variant facet, its price range by the price bounds. */
    static List<Offer> of(SearchDocument.Variant variant) {
        long range = SearchProductsQuery.PRICE_BOUNDS.stream().filter(bound -> bound.compareTo(variant.price()) <= 0)
                .count();
        return List.of(new Offer("size", variant.size()), new Offer("framed", Boolean.toString(variant.framed())),
                new Offer("paper", variant.paper()), new Offer("price", Long.toString(range)));
    }

    /** The layout as SQL rows {@code ('size', 'A4', 0), ...}: facet, value and bit. */
    static String values() {
        var rows = new ArrayList<String>();
        for (int bit = 0; bit < ALL.size(); bit++) {
            rows.add("('%s', '%s', %d)".formatted(ALL.get(bit).facet(), ALL.get(bit).value(), bit));
        }
        return String.join(", ", rows);
    }

    /** The bits of the facet's values. */
    static List<Integer> bitsOf(String facet) {
        return bitsOf(facet, null);
    }

    /** The bits of these values of the facet, as one mask. */
    static int mask(String facet, List<String> values) {
        return bitsOf(facet, values).stream().mapToInt(bit -> 1 << bit).reduce(0, (a, b) -> a | b);
    }

    /** The bits of the facet's values, or of those among {@code values} when given. */
    private static List<Integer> bitsOf(String facet, List<String> values) {
        var bits = new ArrayList<Integer>();
        for (int bit = 0; bit < ALL.size(); bit++) {
            var offer = ALL.get(bit);
            if (offer.facet().equals(facet) && (values == null || values.contains(offer.value()))) {
                bits.add(bit);
            }
        }
        return bits;
    }

    /**
     * A variant's bits as SQL over columns {@code size}, {@code framed}, {@code paper} and {@code price}, with the
     * price bounds as parameter {@code :bounds}; {@code bit_or} over a product's variants gives its offers.
     */
    static String ofVariant() {
        int framed = bitsOf("framed").get(0);
        int price = bitsOf("price").get(0);
        return "(1 << (array_position(CAST('%s' AS text[]), CAST(size AS text)) - 1))".formatted(literal("size"))
                + " | (CASE WHEN framed THEN %d ELSE %d END)".formatted(1 << framed, 1 << (framed + 1))
                + " | (1 << (array_position(CAST('%s' AS text[]), CAST(paper AS text)) + %d))"
                .formatted(literal("paper"), bitsOf("paper").get(0) - 1)
                + " | (1 << (width_bucket(price, CAST(:bounds AS numeric[])) + %d))".formatted(price);
    }

    private static String literal(String facet) {
        return ALL.stream().filter(o -> o.facet().equals(facet)).map(Offer::value)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
