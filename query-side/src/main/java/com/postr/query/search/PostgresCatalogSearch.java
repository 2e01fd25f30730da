package com.postr.query.search;

import static com.postr.query.search.SearchResults.CLOSE;
import static com.postr.query.search.SearchResults.OPEN;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.ProductSearchResult.Hit;
import com.postr.api.catalog.ProductSearchResult.VariantHit;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.SearchSort;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Search in PostgreSQL: a weighted tsvector with a GIN index for words, pg_trgm against the catalog's own words for
 * typos ({@code hokusia} also looks for {@code hokusai}), and facet counts in one grouped statement.
 */
class PostgresCatalogSearch implements CatalogSearch {

    // ts_rank's weights for D, C, B, A: title counts ten times the description
    private static final String WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final SearchProperties.Postgres settings;
    private final SearchDocuments documents;

    PostgresCatalogSearch(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                          SearchProperties.Postgres settings, SearchDocuments documents) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
    }

    @Override
    public ProductSearchResult search(SearchProductsQuery query) {
        return readOnly.execute(status -> searchInTransaction(query));
    }

    private ProductSearchResult searchInTransaction(SearchProductsQuery query) {
        // one round trip for the search's settings: the matches are held once and read by every facet, so in
        // memory rather than spilled at the 4 MB default; the driver prepares statements it runs often, and a
        // generic plan cannot see how common the words are; parallel workers cost more than they save on two
        // cores shared with the application; the read model is small enough to be in memory, where an index's
        // scattered reads cost about what a scan's do, so the words' and filters' indexes are used; under variant
        // filters each match's variants are worked out once, and caching them by the match's arrays only adds the
        // hashing (measured: 42 against 59 ms for 12,500 matches under a price range)
        var parameters = new MapSqlParameterSource("config", settings.textConfig())
                .addValue("bounds", SearchProductsQuery.PRICE_BOUNDS.toArray(BigDecimal[]::new));
        var filters = Filters.of(query, parameters);
        jdbc.getJdbcTemplate().execute("SET LOCAL work_mem = '32MB'; SET LOCAL plan_cache_mode = force_custom_plan;"
                + " SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL random_page_cost = 1.1;"
                + (filters.hasVariantFilters() ? " SET LOCAL enable_memoize = off;" : "")
                + " SET LOCAL pg_trgm.similarity_threshold = " + settings.similarity());
        if (query.text() == null && filters.none()) {
            return browse(query, filters, parameters);
        }
        var tsquery = tsquery(SearchResults.words(query.text()));
        parameters.addValue("tsquery", tsquery);
        // ranked only when the order asks for it: ts_rank reads every match's positions
        var ranked = tsquery != null && query.sort() == SearchSort.RELEVANCE;
        var sources = sources(tsquery != null, ranked, query.sort(), filters);

        parameters.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        var order = switch (query.sort()) {
            case RELEVANCE -> ranked ? "rank DESC, created_at DESC, product_id DESC"
                    : "created_at DESC, product_id DESC";
            case PRICE_ASC -> "low ASC, created_at DESC, product_id DESC";
            case PRICE_DESC -> "high DESC, created_at DESC, product_id DESC";
            case NEWEST -> "created_at DESC, product_id DESC";
        };
        // the page's products ride in the facets' statement as rows ('hit', product id, position), so the words
        // are matched and ranked once per search, not once for the facets and again for the page; numbered after
        // the limit, so only the page is sorted in full
        var page = """
                SELECT 'hit', product_id, row_number() OVER (ORDER BY %1$s) FROM (
                    SELECT product_id, rank, created_at, low, high FROM eligible WHERE %2$s
                    ORDER BY %1$s LIMIT :limit OFFSET :offset) page""".formatted(order, filters.products(""));
        var tally = new Tally();
        var positions = new java.util.TreeMap<Long, String>();
        var statement = sources + facets(filters, tsquery != null) + "\nUNION ALL (" + page + ")";
        jdbc.query(statement, parameters, (RowCallbackHandler) rs -> {
            if (rs.getString("facet").equals("hit")) {
                positions.put(rs.getLong("n"), rs.getString("value"));
            } else {
                tally.add(rs.getString("facet"), rs.getString("value"), rs.getLong("n"));
            }
        });
        var rows = describe(List.copyOf(positions.values()));
        var hits = hits(rows, filters, parameters, tsquery != null);
        return new ProductSearchResult(hits, tally.facets(), query.page(), query.size(), tally.total);
    }

    /**
     * The whole catalog, as a shop's landing page shows it: the facet counts are kept by the projection, and the
     * page comes from an index in the order asked.
     */
    private ProductSearchResult browse(SearchProductsQuery query, Filters filters, MapSqlParameterSource parameters) {
        var catalog = documents.wholeCatalog();
        var order = switch (query.sort()) {
            case RELEVANCE, NEWEST -> "created_at DESC, product_id DESC";
            case PRICE_ASC -> "min_price, created_at DESC, product_id DESC";
            case PRICE_DESC -> "max_price DESC, created_at DESC, product_id DESC";
        };
        parameters.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        var rows = jdbc.query("""
                SELECT product_id, title, artist, category FROM catalog_search_product WHERE active
                ORDER BY %s LIMIT :limit OFFSET :offset""".formatted(order), parameters,
                (rs, n) -> new String[]{rs.getString("product_id"), rs.getString("title"), rs.getString("artist"),
                        rs.getString("category")});
        return new ProductSearchResult(hits(rows, filters, parameters, false), catalog.facets(), query.page(),
                query.size(), catalog.total());
    }

    /**
     * {@code matched}: active products with the words. With variant filters, each also carries what its variants
     * that pass them offer: for a price order, the cheapest or dearest such variant ({@code low}, {@code high}) and,
     * for each distinct set of variant filters a facet is counted under, the {@link Offers} bits of the variants
     * that pass it ({@code o0}, {@code o1}...; and {@code passing}, for all of them, when neither the price order's
     * column nor a facet counted under all of them says whether one passes), all worked out from the product's own
     * row. {@code eligible}: the products with a variant that passes every variant filter; without variant
     * filters, all of them, priced from the product's own summary.
     * <p>
     * Matches of words are held once, with only the columns the counts and the page read (holding arrays costs
     * more than the rest of the row). Without words, the rows of the narrowest product filter ({@link Filters#base})
     * are held, and {@code eligible_anywhere} serves that filter's own facet; with variant filters alone, every
     * product is.
     */
    private static String sources(boolean text, boolean ranked, SearchSort sort, Filters filters) {
        var offered = "";
        var eligibility = "";
        if (filters.hasVariantFilters()) {
            // only a price order needs the cheapest or dearest passing variant; any other order needs only whether
            // one passes, which a facet's bits often say already (measured: each of these columns costs about
            // 0.35 µs per product, 18 ms over the whole catalog)
            var columns = new ArrayList<String>();
            columns.add((sort == SearchSort.PRICE_ASC ? perVariant(filters, "", "min", "price")
                    : "CAST(NULL AS numeric)") + " AS low");
            columns.add((sort == SearchSort.PRICE_DESC ? perVariant(filters, "", "max", "price")
                    : "CAST(NULL AS numeric)") + " AS high");
            // a price order's own column is null exactly when no variant passes
            eligibility = switch (sort) {
                case PRICE_ASC -> "low";
                case PRICE_DESC -> "high";
                default -> "";
            };
            var sets = filters.variantFacetFilters();
            for (int i = 0; i < sets.size(); i++) {
                columns.add(perVariant(filters, sets.get(i), "bit_or", "bits") + " AS o" + i);
                if (eligibility.isEmpty() && filters.variants(sets.get(i)).equals(filters.variants(""))) {
                    eligibility = "o" + i;
                }
            }
            if (eligibility.isEmpty()) {
                columns.add(perVariant(filters, "", "bit_or", "bits") + " AS passing");
                eligibility = "passing";
            }
            offered = ", " + String.join(", ", columns);
        }
        var columns = """
                    SELECT p.product_id, p.artist, p.category, p.colors, p.created_at, p.offers, p.min_price,
                           p.max_price, %s AS rank%s
                    FROM catalog_search_product p%s
                    WHERE p.active %s""".formatted(ranked ? "ts_rank(" + WEIGHTS + ", p.document, q.query)" : "0",
                offered, text ? " CROSS JOIN (SELECT CAST(:tsquery AS tsquery) AS query) q" : "",
                text ? "AND p.document @@ q.query" : "");
        var passing = filters.hasVariantFilters() ? "SELECT m.* FROM %s m WHERE m." + eligibility + " IS NOT NULL"
                : "SELECT m.*, m.min_price AS low, m.max_price AS high FROM %s m";
        var base = text ? null : filters.base();
        if (base == null) {
            return "WITH matched AS %s (%s), eligible AS NOT MATERIALIZED (%s)\n".formatted(
                    text || filters.hasVariantFilters() ? "MATERIALIZED" : "NOT MATERIALIZED", columns,
                    passing.formatted("matched"));
        }
        // without words, the rows of the narrowest product filter are read and held once for every count under
        // it; only that filter's own facet reads the table again, through its other filters' indexes (measured:
        // an artist and two colours read 9,533 buffers instead of 17,252 in six passes, 29 against 34 ms)
        return """
                WITH candidates AS NOT MATERIALIZED (%s), matched AS MATERIALIZED (
                    SELECT * FROM candidates WHERE %s), eligible AS NOT MATERIALIZED (%s),
                    eligible_anywhere AS NOT MATERIALIZED (%s)
                """.formatted(columns, filters.product.get(base), passing.formatted("matched"),
                passing.formatted("candidates"));
    }

    /** Products with up to this many variants are worked out from array elements, the others through unnest. */
    private static final int LISTED_VARIANTS = 4;

    /**
     * {@code min} or {@code max} of the prices, or {@code bit_or} of the bits, of the product's variants that pass
     * every variant filter but {@code facet}'s; null when none passes. For up to {@link #LISTED_VARIANTS} variants,
     * an expression over the arrays' elements (elements past the end are null and pass nothing): unnesting the
     * arrays for every match cost twice as much (measured: 40 against 22 ms for 12,500 matches under a price
     * range). Bits are never 0, so 0 means none passed.
     */
    private static String perVariant(Filters filters, String facet, String aggregate, String column) {
        var each = new ArrayList<String>();
        for (int i = 1; i <= LISTED_VARIANTS; i++) {
            var element = (column.equals("price") ? "p.variant_prices[" : "p.variant_offers[") + i + "]";
            var passes = filters.variants(facet, "p.variant_offers[" + i + "]", "p.variant_prices[" + i + "]",
                    "p.variant_available[" + i + "]");
            each.add(aggregate.equals("bit_or") ? "CASE WHEN %s THEN %s ELSE 0 END".formatted(passes, element)
                    : "CASE WHEN %s THEN %s END".formatted(passes, element));
        }
        var listed = switch (aggregate) {
            case "min" -> "LEAST(" + String.join(", ", each) + ")";
            case "max" -> "GREATEST(" + String.join(", ", each) + ")";
            default -> "NULLIF(" + String.join(" | ", each) + ", 0)";
        };
        return """
                CASE WHEN cardinality(p.variant_prices) <= %d THEN %s
                     ELSE (SELECT %s(%s) FROM unnest(p.variant_offers, p.variant_prices, p.variant_available)
                               v(bits, price, available) WHERE %s) END""".formatted(LISTED_VARIANTS, listed,
                aggregate, column, filters.variants(facet));
    }

    /**
     * One statement for every facet and the total, in as few passes over the matches as the filters allow. With
     * words: category, artist and the total in one grouped pass, each count under its own filters; colours in a
     * second. Without words: a statement per facet, each reading only what its filters let through, and the
     * whole catalog's kept counts for a facet that no other filter narrows. Then sizes, frames, papers and price
     * ranges, when no other variant filter applies to them, from the products' offers: grouped by the few hundred
     * distinct values, then counted per bit. A variant facet under other variant filters counts the same way from
     * the bits of each product's variants that pass those ({@code o0}, {@code o1}... in {@link #sources}).
     */
    private static String facets(Filters filters, boolean text) {
        var parts = new ArrayList<String>();
        if (text) {
            parts.add("""
                    SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(artist) = 0 THEN 'artist'
                                ELSE 'total' END AS facet,
                           coalesce(category, artist) AS value,
                           CASE WHEN GROUPING(category) = 0 THEN count(*) FILTER (WHERE %s)
                                WHEN GROUPING(artist) = 0 THEN count(*) FILTER (WHERE %s)
                                ELSE count(*) FILTER (WHERE %s) END AS n
                    FROM eligible GROUP BY GROUPING SETS ((category), (artist), ())"""
                    .formatted(filters.products("category"), filters.products("artist"), filters.products("")));
        } else {
            for (var facet : List.of("category", "artist")) {
                parts.add(filters.noneBut(facet) ? kept(facet) : """
                        SELECT '%1$s' AS facet, %1$s AS value, count(*) AS n FROM %3$s WHERE %2$s GROUP BY %1$s"""
                        .formatted(facet, filters.products(facet), filters.eligibleFor(facet, text)));
            }
            parts.add("SELECT 'total', '', count(*) FROM eligible WHERE " + filters.products(""));
        }
        // colours are grouped by the products' lists first: a few hundred distinct lists to unnest, not every match's
        // (measured: 9 against 5.5 ms for 12,500 matches)
        parts.add(!text && filters.noneBut("color") ? kept("color")
                : "SELECT 'color', c, sum(g.n) FROM (SELECT colors, count(*) AS n FROM "
                + filters.eligibleFor("color", text) + " WHERE " + filters.products("color")
                + " GROUP BY colors) g, unnest(g.colors) c GROUP BY c");
        // variant facets that no other variant filter narrows count from the products' offers; the others from
        // the bits of the variants that pass their other filters, grouped by those filters
        var sets = filters.variantFacetFilters();
        var bits = new ArrayList<List<Integer>>();
        sets.forEach(set -> bits.add(new ArrayList<>()));
        var unnarrowed = new ArrayList<Integer>();
        for (var facet : Offers.FACETS) {
            if (filters.hasVariantFiltersBut(facet)) {
                bits.get(sets.indexOf(filters.sameVariantFiltersAs(facet))).addAll(Offers.bitsOf(facet));
            } else {
                unnarrowed.addAll(Offers.bitsOf(facet));
            }
        }
        if (!unnarrowed.isEmpty()) {
            parts.add(offerCounts("offers", filters, unnarrowed));
        }
        for (int i = 0; i < sets.size(); i++) {
            parts.add(offerCounts("o" + i, filters, bits.get(i)));
        }
        return String.join("\nUNION ALL ", parts.stream().map(p -> "(" + p + ")").toList());
    }

    /** The whole active catalog's counts of a facet, as the projection keeps them. */
    private static String kept(String facet) {
        return "SELECT facet, value, products AS n FROM catalog_search_facet_count WHERE facet = '%s' AND products > 0"
                .formatted(facet);
    }

    /** Products under every product filter counted per bit of the column's offers: grouped first, then per bit. */
    private static String offerCounts(String column, Filters filters, List<Integer> bits) {
        return """
                SELECT 'offer', CAST(b AS text), sum(g.n) FROM (
                    SELECT %1$s AS offers, count(*) AS n FROM matched WHERE %2$s AND %1$s IS NOT NULL GROUP BY 1) g,
                    unnest(CAST('%3$s' AS int[])) b
                WHERE g.offers & (1 << b) <> 0 GROUP BY b""".formatted(column, filters.products(""),
                bits.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
    }

    /**
     * Each word, or a catalog word within its allowed edits, must occur: {@code (stary | starry) & (nigt | night)}.
     * pg_trgm finds the candidates through its index; the edit rule is Elasticsearch's fuzziness AUTO, so both
     * engines forgive the same typos. A word the catalog already uses is taken as typed ({@link Spelling}):
     * {@code golden} does not also find {@code garden}. Words and suggestions are letters and digits only: nothing
     * is tsquery syntax.
     */
    private String tsquery(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        var alternatives = new LinkedHashMap<String, List<String>>();
        words.forEach(w -> alternatives.put(w, new ArrayList<>(List.of(w))));
        var asTyped = documents.catalogWords(words);
        var misspelt = words.stream().filter(w -> !asTyped.contains(w)).toArray(String[]::new);
        if (misspelt.length > 0) {
            jdbc.query("""
                    SELECT w, t.term FROM unnest(CAST(:words AS text[])) w CROSS JOIN LATERAL (
                        SELECT term FROM catalog_search_term WHERE term % w AND term <> w
                        ORDER BY similarity(term, w) DESC, term LIMIT 20) t""",
                    Map.of("words", misspelt),
                    rs -> {
                        var word = rs.getString(1);
                        var term = rs.getString(2);
                        if (Spelling.isTypoOf(term, word)) {
                            alternatives.get(word).add(term);
                        }
                    });
        }
        var typed = alternatives.values().stream()
                .map(spellings -> spellings.stream().collect(Collectors.joining(" | ", "(", ")")))
                .collect(Collectors.joining(" & "));
        // normalized once here and passed on as a tsquery value: to_tsquery inside the statements costs each of
        // them a second full pass (measured: 24 ms against 12 ms for the hits of a word in 5,600 of 50,000 products)
        return jdbc.queryForObject("SELECT CAST(to_tsquery(CAST(:config AS regconfig), :typed) AS text)",
                Map.of("config", settings.textConfig(), "typed", typed), String.class);
    }

    /** Title, artist and category of the page's products, in the page's order. */
    private List<String[]> describe(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var described = new HashMap<String, String[]>();
        jdbc.query("SELECT product_id, title, artist, category FROM catalog_search_product WHERE product_id IN (:ids)",
                new MapSqlParameterSource("ids", ids), (RowCallbackHandler) rs -> described.put(rs.getString(1),
                        new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}));
        return ids.stream().map(described::get).filter(java.util.Objects::nonNull).toList();
    }

    private List<Hit> hits(List<String[]> rows, Filters filters, MapSqlParameterSource parameters, boolean text) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var ids = rows.stream().map(r -> r[0]).toList();
        parameters.addValue("ids", ids);
        var variants = new HashMap<String, List<VariantHit>>();
        jdbc.query("""
                SELECT * FROM (
                    SELECT v.product_id, v.sku, v.size, v.framed, v.paper, v.price, v.currency,
                           coalesce(s.available, 0) AS available, %s AS bits
                    FROM catalog_search_variant v LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                    WHERE v.product_id IN (:ids)) variant
                WHERE %s ORDER BY price, sku""".formatted(Offers.ofVariant(), filters.variants("")), parameters, rs -> {
            variants.computeIfAbsent(rs.getString("product_id"), k -> new ArrayList<>()).add(new VariantHit(
                    new Sku(rs.getString("sku")), PosterSize.valueOf(rs.getString("size")), rs.getBoolean("framed"),
                    PaperFinish.valueOf(rs.getString("paper")),
                    new Money(rs.getBigDecimal("price"), rs.getString("currency").strip()), rs.getInt("available")));
        });
        var highlights = text ? highlights(parameters) : Map.<String, Map<String, String>>of();
        return rows.stream().map(r -> new Hit(new ProductId(r[0]), r[1], r[2], r[3],
                variants.getOrDefault(r[0], List.of()), highlights.getOrDefault(r[0], Map.of()))).toList();
    }

    private Map<String, Map<String, String>> highlights(MapSqlParameterSource parameters) {
        var result = new HashMap<String, Map<String, String>>();
        var whole = "'StartSel=\"" + OPEN + "\", StopSel=\"" + CLOSE + "\", HighlightAll=true'";
        var fragment = "'StartSel=\"" + OPEN + "\", StopSel=\"" + CLOSE + "\", MaxWords=25, MinWords=8'";
        jdbc.query("""
                SELECT p.product_id, ts_headline(q.config, p.title, q.query, %1$s) AS title,
                       ts_headline(q.config, p.artist, q.query, %1$s) AS artist,
                       ts_headline(q.config, coalesce(p.description, ''), q.query, %2$s) AS description
                FROM catalog_search_product p, (SELECT CAST(:config AS regconfig) AS config,
                    CAST(:tsquery AS tsquery) AS query) q
                WHERE p.product_id IN (:ids)""".formatted(whole, fragment), parameters, rs -> {
            var fields = new LinkedHashMap<String, String>();
            for (var field : List.of("title", "artist", "description")) {
                var marked = rs.getString(field);
                if (marked != null && marked.contains(OPEN)) {
                    fields.put(field, SearchResults.highlight(marked));
                }
            }
            result.put(rs.getString("product_id"), fields);
        });
        return result;
    }

    /**
     * The query's filters as SQL over candidate rows, each under its facet's name. Product filters and variant
     * filters alike apply to a row, so the variant filters hold for one and the same variant. Variant filters are
     * kept as templates over a variant's bits, price and units available ({@code %1$s}, {@code %2$s},
     * {@code %3$s}), so they apply to unnested rows and to the arrays' elements alike.
     */
    private record Filters(Map<String, String> product, Map<String, String> variant) {

        static Filters of(SearchProductsQuery query, MapSqlParameterSource parameters) {
            var product = new LinkedHashMap<String, String>();
            var variant = new LinkedHashMap<String, String>();
            if (!query.categories().isEmpty()) {
                product.put("category", "category IN (:categories)");
                parameters.addValue("categories", List.copyOf(query.categories()));
            }
            if (!query.artists().isEmpty()) {
                product.put("artist", "artist IN (:artists)");
                parameters.addValue("artists", List.copyOf(query.artists()));
            }
            if (!query.colors().isEmpty()) {
                product.put("color", "colors && CAST(:colors AS text[])");
                parameters.addValue("colors", query.colors().toArray(String[]::new));
            }
            if (!query.sizes().isEmpty()) {
                variant.put("size", anyOf("size", query.sizes().stream().map(Enum::name).toList()));
            }
            if (query.framed() != null) {
                variant.put("framed", anyOf("framed", List.of(query.framed().toString())));
            }
            if (!query.papers().isEmpty()) {
                variant.put("paper", anyOf("paper", query.papers().stream().map(Enum::name).toList()));
            }
            var price = new ArrayList<String>();
            if (query.minPrice() != null) {
                price.add("%2$s >= :minPrice");
                parameters.addValue("minPrice", query.minPrice());
            }
            if (query.maxPrice() != null) {
                price.add("%2$s <= :maxPrice");
                parameters.addValue("maxPrice", query.maxPrice());
            }
            if (!price.isEmpty()) {
                variant.put("price", String.join(" AND ", price));
            }
            if (query.inStockOnly()) {
                variant.put("stock", "%3$s > 0");
            }
            return new Filters(product, variant);
        }

        /** A variant with one of the facet's values, by its {@link Offers} bits: a constant of ours, not input. */
        private static String anyOf(String facet, List<String> values) {
            return "%1$s & " + Offers.mask(facet, values) + " <> 0";
        }

        /**
         * The distinct variant filters the variant facets narrowed by other variant filters are counted under, each
         * named by the first facet counted under it.
         */
        List<String> variantFacetFilters() {
            var distinct = new LinkedHashMap<String, String>();
            Offers.FACETS.stream().filter(this::hasVariantFiltersBut)
                    .forEach(facet -> distinct.putIfAbsent(variants(facet), facet));
            return List.copyOf(distinct.values());
        }

        /** The name in {@link #variantFacetFilters} of the variant filters the facet is counted under. */
        String sameVariantFiltersAs(String facet) {
            return variantFacetFilters().stream().filter(f -> variants(f).equals(variants(facet))).findFirst()
                    .orElseThrow();
        }

        /**
         * Without words, the product filter whose rows {@code matched} holds: the narrowest by the catalog's usual
         * shape (an artist, then a category, then colours, which overlap most); null without product filters.
         */
        String base() {
            return Stream.of("artist", "category", "color").filter(product::containsKey).findFirst().orElse(null);
        }

        /** Where the facet's counts read: its own filter's rows are not all in {@code matched} when it is the base. */
        String eligibleFor(String facet, boolean text) {
            return !text && facet.equals(base()) ? "eligible_anywhere" : "eligible";
        }

        boolean none() {
            return product.isEmpty() && variant.isEmpty();
        }

        boolean hasVariantFilters() {
            return !variant.isEmpty();
        }

        /** No filter applies but the facet's own, if any: its counts are the whole catalog's. */
        boolean noneBut(String facet) {
            return variant.isEmpty() && product.keySet().stream().allMatch(facet::equals);
        }

        boolean hasVariantFiltersBut(String facet) {
            return variant.keySet().stream().anyMatch(name -> !name.equals(facet));
        }

        /** The product filters but the facet's own. */
        String products(String facet) {
            return join(product.entrySet().stream().filter(e -> !e.getKey().equals(facet)).map(Map.Entry::getValue)
                    .toList());
        }

        /** The variant filters but the facet's own, over columns {@code bits}, {@code price}, {@code available}. */
        String variants(String facet) {
            return variants(facet, "bits", "price", "available");
        }

        /** The variant filters but the facet's own, over the given expressions for a variant's columns. */
        String variants(String facet, String bits, String price, String available) {
            return join(variant.entrySet().stream().filter(e -> !e.getKey().equals(facet))
                    .map(e -> e.getValue().formatted(bits, price, available)).toList());
        }

        private static String join(List<String> parts) {
            return parts.isEmpty() ? "TRUE" : parts.stream().collect(Collectors.joining(") AND (", "(", ")"));
        }
    }
}
