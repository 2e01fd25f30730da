package com.postr.query.search;

import static com.postr.query.search.SearchResults.CLOSE;
import static com.postr.query.search.SearchResults.OPEN;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortMode;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.util.NamedValue;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.ProductSearchResult.Hit;
import com.postr.api.catalog.ProductSearchResult.VariantHit;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.SearchUnavailableException;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Search in Elasticsearch: every word must match some field ({@code multi_match} with boosts and fuzziness), filters
 * in a {@code post_filter}, and each facet in a filter aggregation under the other filters. Variants are nested
 * documents, so variant filters hold for one and the same variant.
 */
class ElasticsearchCatalogSearch implements CatalogSearch {

    private static final List<String> FIELDS = List.of("title^4", "artist^3", "tags^2", "colors^2", "description");
    private static final List<String> HIT_FIELDS = List.of("product_id", "title", "artist", "category", "variants");
    private static final Aggregation PRODUCTS = Aggregation.of(a -> a.reverseNested(r -> r));

    private final ElasticsearchClient client;
    private final ElasticsearchIndex index;
    private final SearchDocuments documents;

    ElasticsearchCatalogSearch(ElasticsearchClient client, ElasticsearchIndex index, SearchDocuments documents) {
        this.client = client;
        this.index = index;
        this.documents = documents;
    }

    @Override
    public ProductSearchResult search(SearchProductsQuery query) {
        var words = SearchResults.words(query.text());
        var filters = Filters.of(query);
        var asTyped = documents.catalogWords(words);
        var text = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("active").value(true)));
            // a word the catalog uses is taken as typed, as in the PostgreSQL engine (Spelling); another is forgiven
            // as a typo, with the first letter right: far fewer terms to expand and score
            words.forEach(word -> b.must(m -> m.multiMatch(mm -> asTyped.contains(word)
                    ? mm.query(word).fields(FIELDS)
                    : mm.query(word).fields(FIELDS).fuzziness("AUTO").prefixLength(1).maxExpansions(20))));
            return b;
        }));
        var aggregations = new LinkedHashMap<String, Aggregation>();
        // each product facet is counted under the other product filters, all under the variant filters at once:
        // the nested query is evaluated once for the three, not once per facet
        var productFacets = new LinkedHashMap<String, Aggregation>();
        productFacets.put("category", terms(filters.productsBut("category"), "category"));
        productFacets.put("artist", terms(filters.productsBut("artist"), "artist.keyword"));
        productFacets.put("color", terms(filters.productsBut("color"), "colors.keyword"));
        aggregations.put("products", Aggregation.of(a -> a.filter(filters.variantsOnProducts())
                .aggregations(productFacets)));
        // a variant facet that no other variant filter narrows counts the products' own offers, under the product
        // filters: one terms aggregation instead of one through the nested variants of every match per facet
        // (measured: 13 against 7 ms in Elasticsearch for a word in 5,600 of 50,000 products)
        var fromOffers = index.servesCurrentMapping()
                ? Offers.FACETS.stream().filter(facet -> !filters.hasVariantFiltersBut(facet)).toList()
                : List.<String>of();
        if (!fromOffers.isEmpty()) {
            aggregations.put("offers", terms(filters.products(), "offers"));
        }
        // the other variant facets share one pass through the nested variants of the products under the product
        // filters, each counting the variants that pass its other filters; a product is counted when one of its
        // variants passes, so no filter on the product is needed for them (measured in Elasticsearch for a word
        // with a size and a frame: 9 against 12 ms, with the same counts)
        var variantFacets = new LinkedHashMap<String, Aggregation>();
        for (var facet : List.of("size", "framed", "paper")) {
            if (!fromOffers.contains(facet)) {
                variantFacets.put(facet, variantFacet(filters, facet, Aggregation.of(a -> a.terms(t -> t
                        .field("variants." + facet).size(10)).aggregations("products", PRODUCTS))));
            }
        }
        if (!fromOffers.contains("price")) {
            var ranges = new ArrayList<AggregationRange>();
            BigDecimal previous = null;
            for (var bound : SearchProductsQuery.PRICE_BOUNDS) {
                var from = previous;
                ranges.add(AggregationRange.of(r -> from == null ? r.to(bound.doubleValue())
                        : r.from(from.doubleValue()).to(bound.doubleValue())));
                previous = bound;
            }
            var last = previous;
            ranges.add(AggregationRange.of(r -> r.from(last.doubleValue())));
            variantFacets.put("price", variantFacet(filters, "price", Aggregation.of(a -> a.range(r -> r
                    .field("variants.price").ranges(ranges)).aggregations("products", PRODUCTS))));
        }
        if (!variantFacets.isEmpty()) {
            aggregations.put("variants", Aggregation.of(a -> a.filter(filters.products())
                    .aggregations("nested", Aggregation.of(n -> n.nested(nn -> nn.path("variants"))
                            .aggregations(variantFacets)))));
        }

        // the whole catalog's facets (a landing page) are kept by the projection; counting them here would
        // aggregate every document and its variants on each visit (measured: 87 ms at 50,000 products)
        boolean wholeCatalog = words.isEmpty() && filters.product().isEmpty() && filters.variant().isEmpty();
        SearchResponse<IndexedProduct> response;
        try {
            response = client.search(s -> {
                s.index(index.alias()).query(text).postFilter(filters.all())
                        .from(query.page() * query.size()).size(query.size()).trackTotalHits(t -> t.enabled(true))
                        .sort(sort(query, !words.isEmpty(), filters))
                        // only what a hit shows: the description and tags stay in the index
                        .source(src -> src.filter(f -> f.includes(HIT_FIELDS)));
                if (!wholeCatalog) {
                    s.aggregations(aggregations);
                }
                if (!words.isEmpty()) {
                    s.highlight(h -> h.encoder(HighlighterEncoder.Html).preTags(OPEN).postTags(CLOSE)
                            .requireFieldMatch(false)
                            .fields("title", f -> f.numberOfFragments(0))
                            .fields("artist", f -> f.numberOfFragments(0))
                            .fields("description", f -> f.fragmentSize(150).numberOfFragments(1)));
                }
                return s;
            }, IndexedProduct.class);
        } catch (IOException e) {
            throw new SearchUnavailableException("Elasticsearch cannot be reached: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            if (e.status() >= 500 || e.status() == 429 || e.status() == 404) {
                throw new SearchUnavailableException("Elasticsearch cannot answer now: " + e.getMessage(), e);
            }
            throw e;
        }
        var hits = response.hits().hits().stream().map(hit -> {
            var product = hit.source();
            var highlight = new LinkedHashMap<String, String>();
            hit.highlight().forEach((field, fragments) -> {
                if (!fragments.isEmpty() && fragments.get(0).contains(OPEN)) {
                    // Elasticsearch escaped the text (encoder html); only the marks are left to turn into <em>
                    highlight.put(field, fragments.get(0).replace(OPEN, "<em>").replace(CLOSE, "</em>"));
                }
            });
            var variants = product.variants().stream().map(IndexedProduct.Variant::toVariant)
                    .filter(filters.variantMatch())
                    .sorted(Comparator.comparing(SearchDocument.Variant::price).thenComparing(SearchDocument.Variant::sku))
                    .map(v -> new VariantHit(new Sku(v.sku()), PosterSize.valueOf(v.size()), v.framed(),
                            PaperFinish.valueOf(v.paper()), new Money(v.price(), v.currency()), v.available()))
                    .toList();
            return new Hit(new ProductId(product.productId()), product.title(), product.artist(), product.category(),
                    variants, ordered(highlight));
        }).toList();
        var total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        var facets = wholeCatalog ? documents.wholeCatalog().facets() : facets(response.aggregations(), fromOffers);
        return new ProductSearchResult(hits, facets, query.page(), query.size(), total);
    }

    private static Map<String, String> ordered(Map<String, String> highlight) {
        var ordered = new LinkedHashMap<String, String>();
        for (var field : List.of("title", "artist", "description")) {
            if (highlight.containsKey(field)) {
                ordered.put(field, highlight.get(field));
            }
        }
        return ordered;
    }

    private static List<SortOptions> sort(SearchProductsQuery query, boolean text, Filters filters) {
        var sorts = new ArrayList<SortOptions>();
        switch (query.sort()) {
            case RELEVANCE -> {
                if (text) {
                    sorts.add(SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc))));
                }
            }
            case PRICE_ASC -> sorts.add(price(SortOrder.Asc, SortMode.Min, filters));
            case PRICE_DESC -> sorts.add(price(SortOrder.Desc, SortMode.Max, filters));
            case NEWEST -> {
            }
        }
        sorts.add(SortOptions.of(s -> s.field(f -> f.field("created_at").order(SortOrder.Desc))));
        sorts.add(SortOptions.of(s -> s.field(f -> f.field("product_id").order(SortOrder.Desc))));
        return sorts;
    }

    /** By the cheapest (or dearest) of the variants that match, not of all variants. */
    private static SortOptions price(SortOrder order, SortMode mode, Filters filters) {
        return SortOptions.of(s -> s.field(f -> f.field("variants.price").order(order).mode(mode)
                .nested(n -> n.path("variants").filter(filters.variants("")))));
    }

    private static Aggregation terms(Query filter, String field) {
        return Aggregation.of(a -> a.filter(filter).aggregations("values", Aggregation.of(t -> t.terms(tt -> tt
                .field(field).size(SearchResults.FACET_SIZE)
                .order(List.of(NamedValue.of("_count", SortOrder.Desc), NamedValue.of("_key", SortOrder.Asc)))))));
    }

    /**
     * A facet of variants counted in products, inside the nested variants: the buckets are of the variants that
     * pass the other variant filters, each counting the products they belong to ({@code reverse_nested}).
     */
    private static Aggregation variantFacet(Filters filters, String facet, Aggregation values) {
        return Aggregation.of(a -> a.filter(filters.variants(facet)).aggregations("values", values));
    }

    private static ProductSearchResult.Facets facets(Map<String, Aggregate> aggregations, List<String> fromOffers) {
        var tally = new Tally();
        var products = aggregations.get("products").filter().aggregations();
        for (var facet : List.of("category", "artist", "color")) {
            products.get(facet).filter().aggregations().get("values").sterms().buckets().array()
                    .forEach(b -> tally.add(facet, b.key().stringValue(), b.docCount()));
        }
        if (!fromOffers.isEmpty()) {
            aggregations.get("offers").filter().aggregations().get("values").sterms().buckets().array().forEach(b -> {
                var offer = Offers.Offer.ofKeyword(b.key().stringValue());
                if (fromOffers.contains(offer.facet())) {
                    tally.add(offer.facet(), offer.value(), b.docCount());
                }
            });
        }
        for (var facet : List.of("size", "framed", "paper")) {
            if (fromOffers.contains(facet)) {
                continue;
            }
            var values = matching(aggregations, facet);
            if (values.isSterms()) {
                values.sterms().buckets().array().forEach(b -> tally.add(facet, b.key().stringValue(),
                        b.aggregations().get("products").reverseNested().docCount()));
            } else if (values.isLterms()) {
                values.lterms().buckets().array().forEach(b -> tally.add(facet, b.keyAsString(),
                        b.aggregations().get("products").reverseNested().docCount()));
            }
        }
        if (!fromOffers.contains("price")) {
            var buckets = matching(aggregations, "price").range().buckets().array();
            for (int i = 0; i < buckets.size(); i++) {
                tally.add("price", Integer.toString(i), buckets.get(i).aggregations().get("products").reverseNested()
                        .docCount());
            }
        }
        return tally.facets();
    }

    private static Aggregate matching(Map<String, Aggregate> aggregations, String facet) {
        return aggregations.get("variants").filter().aggregations().get("nested").nested().aggregations()
                .get(facet).filter().aggregations().get("values");
    }

    /** The query's filters, each under its facet's name; variant filters apply inside the nested variants. */
    private record Filters(Map<String, Query> product, Map<String, Query> variant, SearchProductsQuery query) {

        static Filters of(SearchProductsQuery query) {
            var product = new LinkedHashMap<String, Query>();
            var variant = new LinkedHashMap<String, Query>();
            putTerms(product, "category", "category", query.categories().stream().toList());
            putTerms(product, "artist", "artist.keyword", query.artists().stream().toList());
            putTerms(product, "color", "colors.keyword", query.colors().stream().toList());
            putTerms(variant, "size", "variants.size", query.sizes().stream().map(Enum::name).toList());
            if (query.framed() != null) {
                variant.put("framed", Query.of(q -> q.term(t -> t.field("variants.framed").value(query.framed()))));
            }
            putTerms(variant, "paper", "variants.paper", query.papers().stream().map(Enum::name).toList());
            if (query.minPrice() != null || query.maxPrice() != null) {
                variant.put("price", Query.of(q -> q.range(r -> r.number(n -> {
                    n.field("variants.price");
                    if (query.minPrice() != null) {
                        n.gte(query.minPrice().doubleValue());
                    }
                    if (query.maxPrice() != null) {
                        n.lte(query.maxPrice().doubleValue());
                    }
                    return n;
                }))));
            }
            if (query.inStockOnly()) {
                variant.put("stock", Query.of(q -> q.range(r -> r.number(n -> n.field("variants.available").gt(0.0)))));
            }
            return new Filters(product, variant, query);
        }

        private static void putTerms(Map<String, Query> into, String facet, String field, List<String> values) {
            if (!values.isEmpty()) {
                into.put(facet, Query.of(q -> q.terms(t -> t.field(field)
                        .terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
            }
        }

        /** Every filter, on products: the hits' post filter. */
        Query all() {
            return Query.of(q -> q.bool(b -> b.filter(products(), variantsOnProducts())));
        }

        /** The product filters alone. */
        Query products() {
            return productsBut("");
        }

        /** The product filters but the facet's own. */
        Query productsBut(String facet) {
            return Query.of(q -> q.bool(b -> {
                product.forEach((name, filter) -> {
                    if (!name.equals(facet)) {
                        b.filter(filter);
                    }
                });
                return b;
            }));
        }

        /** A product with a variant that passes every variant filter (any product without variant filters). */
        Query variantsOnProducts() {
            return variant.isEmpty() ? Query.of(q -> q.matchAll(m -> m))
                    : Query.of(q -> q.nested(n -> n.path("variants").query(variants(""))));
        }

        boolean hasVariantFiltersBut(String facet) {
            return variant.keySet().stream().anyMatch(name -> !name.equals(facet));
        }

        /** Every variant filter but the facet's own, on variants (inside a nested context). */
        Query variants(String facet) {
            return Query.of(q -> q.bool(b -> {
                variant.forEach((name, filter) -> {
                    if (!name.equals(facet)) {
                        b.filter(filter);
                    }
                });
                return b;
            }));
        }

        /** The same variant filters in Java, to list a hit's matching variants from its source. */
        Predicate<SearchDocument.Variant> variantMatch() {
            return v -> (query.sizes().isEmpty() || query.sizes().contains(PosterSize.valueOf(v.size())))
                    && (query.framed() == null || query.framed() == v.framed())
                    && (query.papers().isEmpty() || query.papers().contains(PaperFinish.valueOf(v.paper())))
                    && (query.minPrice() == null || v.price().compareTo(query.minPrice()) >= 0)
                    && (query.maxPrice() == null || v.price().compareTo(query.maxPrice()) <= 0)
                    && (!query.inStockOnly() || v.available() > 0);
        }
    }
}
