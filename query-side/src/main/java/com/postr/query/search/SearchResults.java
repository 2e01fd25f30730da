package com.postr.query.search;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductSearchResult.Count;
import com.postr.api.catalog.ProductSearchResult.Facets;
import com.postr.api.catalog.ProductSearchResult.PriceRange;
import com.postr.api.catalog.SearchProductsQuery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What both engines share beyond the port: how words are split, how facets are ordered, how highlights escape. */
final class SearchResults {

    /** Facet values listed per facet, most products first. */
    static final int FACET_SIZE = 50;
    /** Words of a query that are searched; more are ignored (a query is a few words, not a document). */
    static final int MAX_WORDS = 10;

    /** Where an engine marks a matched word in a highlight (private-use characters no text of ours holds). */
    static final String OPEN = "\uE000";
    static final String CLOSE = "\uE001";

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchResults() {
    }

    /** The distinct words of a query, lower-cased, letters and digits only. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        var words = new LinkedHashSet<String>();
        for (var word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    static List<Count> byCount(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value))
                .limit(FACET_SIZE).toList();
    }

    /** Values of a closed set (sizes, finishes) in their natural order, not by count. */
    static List<Count> inOrder(Map<String, Long> counts, List<String> order) {
        return order.stream().filter(v -> counts.getOrDefault(v, 0L) > 0)
                .map(v -> new Count(v, counts.get(v))).toList();
    }

    static Facets facets(Map<String, Long> category, Map<String, Long> artist, Map<String, Long> size,
                         Map<String, Long> framed, Map<String, Long> paper, Map<String, Long> color,
                         long[] priceBuckets) {
        return new Facets(byCount(category), byCount(artist),
                inOrder(size, names(PosterSize.values(), PosterSize::name)), inOrder(framed, List.of("true", "false")),
                inOrder(paper, names(PaperFinish.values(), PaperFinish::name)), byCount(color),
                priceRanges(priceBuckets));
    }

    /** Every fixed range, empty ones too, so a client can draw the same price slider on every page. */
    static List<PriceRange> priceRanges(long[] buckets) {
        var bounds = SearchProductsQuery.PRICE_BOUNDS;
        var ranges = new ArrayList<PriceRange>();
        for (int i = 0; i <= bounds.size(); i++) {
            BigDecimal from = i == 0 ? BigDecimal.ZERO : bounds.get(i - 1);
            BigDecimal to = i == bounds.size() ? null : bounds.get(i);
            ranges.add(new PriceRange(from, to, buckets[i]));
        }
        return ranges;
    }

    private static <T> List<String> names(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    /**
     * HTML-escapes a highlighted text in which the engine marked matches with {@link #OPEN} and {@link #CLOSE},
     * and turns the marks into {@code <em>}: titles are user input, and frontends render highlights as HTML.
     */
    static String highlight(String marked) {
        var escaped = new StringBuilder(marked.length() + 16);
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#x27;");
                case '/' -> escaped.append("&#x2F;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString().replace(OPEN, "<em>").replace(CLOSE, "</em>");
    }
}
