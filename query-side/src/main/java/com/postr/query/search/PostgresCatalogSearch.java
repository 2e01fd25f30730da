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
        // cores shared with the application
        jdbc.getJdbcTemplate().execute("SET LOCAL work_mem = '32MB'; SET LOCAL plan_cache_mode = force_custom_plan;"
                + " SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL pg_trgm.similarity_threshold = "
                + settings.similarity());
        var parameters = new MapSqlParameterSource("config", settings.textConfig());
        var filters = Filters.of(query, parameters);
        if (query.text() == null && filters.none()) {
            return browse(query, filters, parameters);
        }
        var tsquery = tsquery(SearchResults.words(query.text()));
        parameters.addValue("tsquery", tsquery);
        parameters.addValue("bounds", SearchProductsQuery.PRICE_BOUNDS.toArray(BigDecimal[]::new));
        var sources = sources(tsquery != null, filters);

        parameters.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        var order = switch (query.sort()) {
            case RELEVANCE -> tsquery != null ? "rank DESC, created_at DESC, product_id DESC"
                    : "created_at DESC, product_id DESC";
            case PRICE_ASC -> "low ASC, created_at DESC, product_id DESC";
            case PRICE_DESC -> "high DESC, created_at DESC, product_id DESC";
            case NEWEST -> "created_at DESC, product_id DESC";
        };
        // the page's products ride in the facets' statement as rows ('hit', product id, position), so the words
        // are matched and ranked once per search, not once for the facets and again for the page
        var page = """
                SELECT 'hit', product_id, row_number() OVER (ORDER BY %1$s) FROM eligible WHERE %2$s
                ORDER BY %1$s LIMIT :limit OFFSET :offset""".formatted(order, filters.products(""));
        var tally = new Tally();
        var positions = new java.util.TreeMap<Long, String>();
        jdbc.query(sources + facets(filters) + "\nUNION ALL (" + page + ")", parameters, (RowCallbackHandler) rs -> {
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
     * {@code matched}: active products with the words. {@code eligible}: those with a variant that passes every
     * variant filter, with the cheapest and dearest such variant; without variant filters, all of them, priced
     * from the product's own summary, so the common searches never touch the variants.
     */
    private static String sources(boolean text, Filters filters) {
        var matched = """
                WITH matched AS (
                    SELECT p.product_id, p.title, p.artist, p.category, p.colors, p.created_at, p.sizes, p.framings,
                           p.papers, p.price_buckets, p.min_price, p.max_price, %s AS rank
                    FROM catalog_search_product p %s
                    WHERE p.active %s
                )""".formatted(text ? "ts_rank(" + WEIGHTS + ", p.document, q.query)" : "0",
                text ? ", (SELECT CAST(:tsquery AS tsquery) AS query) q" : "",
                text ? "AND p.document @@ q.query" : "");
        if (!filters.hasVariantFilters()) {
            return matched + """
                    , eligible AS (SELECT m.*, m.min_price AS low, m.max_price AS high FROM matched m)
                    """;
        }
        return matched + """
                , variant AS (
                    SELECT m.*, v.sku, v.size, v.framed, v.paper, v.price, coalesce(s.available, 0) AS available
                    FROM matched m JOIN catalog_search_variant v ON v.product_id = m.product_id
                    LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                ), eligible AS (
                    SELECT m.*, e.low, e.high FROM matched m JOIN (
                        SELECT product_id, min(price) AS low, max(price) AS high FROM variant WHERE %s
                        GROUP BY product_id) e ON e.product_id = m.product_id
                )
                """.formatted(filters.variants(""));
    }

    /**
     * One statement for every facet and the total, in as few passes over the matches as the filters allow:
     * category, artist and the total in one grouped pass, each count under its own filters; colours in a second;
     * sizes, frames, papers and price ranges, when no other variant filter applies to them, as filtered counts
     * over the products' own summaries in a third. A variant facet under other variant filters counts products
     * from the variants that pass those.
     */
    private static String facets(Filters filters) {
        var parts = new ArrayList<String>();
        parts.add("""
                SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(artist) = 0 THEN 'artist'
                            ELSE 'total' END AS facet,
                       coalesce(category, artist) AS value,
                       CASE WHEN GROUPING(category) = 0 THEN count(*) FILTER (WHERE %s)
                            WHEN GROUPING(artist) = 0 THEN count(*) FILTER (WHERE %s)
                            ELSE count(*) FILTER (WHERE %s) END AS n
                FROM eligible GROUP BY GROUPING SETS ((category), (artist), ())"""
                .formatted(filters.products("category"), filters.products("artist"), filters.products("")));
        parts.add("SELECT 'color', c, count(*) FROM eligible, unnest(colors) c WHERE " + filters.products("color")
                + " GROUP BY c");
        // one row of filtered counts over the summaries, turned into (facet, value, n) rows
        var counts = new ArrayList<String>();
        var rows = new ArrayList<String>();
        SUMMARIES.forEach((facet, summary) -> {
            if (filters.hasVariantFiltersBut(facet)) {
                parts.add(variantFacet(filters, facet));
                return;
            }
            for (var value : summary.values()) {
                var column = "c" + counts.size();
                counts.add("count(*) FILTER (WHERE %s @> CAST('{%s}' AS %s[])) AS %s"
                        .formatted(summary.column(), value, summary.type(), column));
                rows.add("('%s', '%s', s.%s)".formatted(facet, value, column));
            }
        });
        if (!counts.isEmpty()) {
            parts.add("""
                    SELECT x.facet, x.value, x.n FROM (SELECT %s FROM matched WHERE %s) s
                    CROSS JOIN LATERAL (VALUES %s) x(facet, value, n)""".formatted(String.join(", ", counts),
                    filters.products(""), String.join(", ", rows)));
        }
        return String.join("\nUNION ALL ", parts.stream().map(p -> "(" + p + ")").toList());
    }

    /** A variant facet's closed set of values, and the product column that lists a product's values of it. */
    private record Summary(String column, String type, List<String> values) {
    }

    private static final Map<String, Summary> SUMMARIES = summaries();

    private static Map<String, Summary> summaries() {
        var buckets = new ArrayList<String>();
        for (int i = 0; i <= SearchProductsQuery.PRICE_BOUNDS.size(); i++) {
            buckets.add(Integer.toString(i));
        }
        var summaries = new LinkedHashMap<String, Summary>();
        summaries.put("size", new Summary("sizes", "text",
                java.util.Arrays.stream(PosterSize.values()).map(Enum::name).toList()));
        summaries.put("framed", new Summary("framings", "text", List.of("true", "false")));
        summaries.put("paper", new Summary("papers", "text",
                java.util.Arrays.stream(PaperFinish.values()).map(Enum::name).toList()));
        summaries.put("price", new Summary("price_buckets", "int", buckets));
        return summaries;
    }

    private static String variantFacet(Filters filters, String facet) {
        var value = switch (facet) {
            case "framed" -> "CAST(framed AS text)";
            case "price" -> "width_bucket(price, CAST(:bounds AS numeric[]))";
            default -> facet;
        };
        return """
                SELECT '%s', CAST(x AS text), count(*) FROM (
                    SELECT DISTINCT product_id, %s AS x FROM variant WHERE %s AND %s) d GROUP BY x"""
                .formatted(facet, value, filters.products(""), filters.variants(facet));
    }

    /**
     * Each word, or a catalog word within its allowed edits, must occur: {@code (stary | starry) & (nigt | night)}.
     * pg_trgm finds the candidates through its index; the edit rule is Elasticsearch's fuzziness AUTO, so both
     * engines forgive the same typos. Words and suggestions are letters and digits only: nothing is tsquery syntax.
     */
    private String tsquery(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        var alternatives = new LinkedHashMap<String, List<String>>();
        words.forEach(w -> alternatives.put(w, new ArrayList<>(List.of(w))));
        jdbc.query("""
                SELECT w, t.term FROM unnest(CAST(:words AS text[])) w CROSS JOIN LATERAL (
                    SELECT term FROM catalog_search_term WHERE term % w AND term <> w
                    ORDER BY similarity(term, w) DESC, term LIMIT 20) t""",
                Map.of("words", words.toArray(String[]::new)),
                rs -> {
                    var word = rs.getString(1);
                    var term = rs.getString(2);
                    if (Spelling.isTypoOf(term, word)) {
                        alternatives.get(word).add(term);
                    }
                });
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
                           coalesce(s.available, 0) AS available
                    FROM catalog_search_variant v LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                    WHERE v.product_id IN (:ids)) variant
                WHERE %s ORDER BY price, sku""".formatted(filters.variants("")), parameters, rs -> {
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
     * filters alike apply to a row, so the variant filters hold for one and the same variant.
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
                variant.put("size", "size IN (:sizes)");
                parameters.addValue("sizes", query.sizes().stream().map(Enum::name).toList());
            }
            if (query.framed() != null) {
                variant.put("framed", "framed = :framed");
                parameters.addValue("framed", query.framed());
            }
            if (!query.papers().isEmpty()) {
                variant.put("paper", "paper IN (:papers)");
                parameters.addValue("papers", query.papers().stream().map(Enum::name).toList());
            }
            var price = new ArrayList<String>();
            if (query.minPrice() != null) {
                price.add("price >= :minPrice");
                parameters.addValue("minPrice", query.minPrice());
            }
            if (query.maxPrice() != null) {
                price.add("price <= :maxPrice");
                parameters.addValue("maxPrice", query.maxPrice());
            }
            if (!price.isEmpty()) {
                variant.put("price", String.join(" AND ", price));
            }
            if (query.inStockOnly()) {
                variant.put("stock", "available > 0");
            }
            return new Filters(product, variant);
        }

        boolean none() {
            return product.isEmpty() && variant.isEmpty();
        }

        boolean hasVariantFilters() {
            return !variant.isEmpty();
        }

        boolean hasVariantFiltersBut(String facet) {
            return variant.keySet().stream().anyMatch(name -> !name.equals(facet));
        }

        /** The product filters but the facet's own. */
        String products(String facet) {
            return join(product.entrySet().stream().filter(e -> !e.getKey().equals(facet)).map(Map.Entry::getValue)
                    .toList());
        }

        /** The variant filters but the facet's own. */
        String variants(String facet) {
            return join(variant.entrySet().stream().filter(e -> !e.getKey().equals(facet)).map(Map.Entry::getValue)
                    .toList());
        }

        private static String join(List<String> parts) {
            return parts.isEmpty() ? "TRUE" : parts.stream().collect(Collectors.joining(") AND (", "(", ")"));
        }
    }
}
