package com.postr.query.search;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.ProductSearchResult.Hit;
import com.postr.api.catalog.ProductSearchResult.VariantHit;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    private static final String OPEN = "\uE000";
    private static final String CLOSE = "\uE001";
    // ts_rank's weights for D, C, B, A: title counts ten times the description
    private static final String WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final SearchProperties.Postgres settings;

    PostgresCatalogSearch(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                          SearchProperties.Postgres settings) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
    }

    @Override
    public ProductSearchResult search(SearchProductsQuery query) {
        return readOnly.execute(status -> searchInTransaction(query));
    }

    private ProductSearchResult searchInTransaction(SearchProductsQuery query) {
        var parameters = new MapSqlParameterSource("config", settings.textConfig());
        var filters = Filters.of(query, parameters);
        var tsquery = tsquery(SearchResults.words(query.text()));
        parameters.addValue("tsquery", tsquery);
        var candidates = candidates(tsquery != null);

        parameters.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        var order = switch (query.sort()) {
            case RELEVANCE -> tsquery != null ? "rank DESC, created_at DESC, product_id DESC"
                    : "created_at DESC, product_id DESC";
            case PRICE_ASC -> "min(price) ASC, created_at DESC, product_id DESC";
            case PRICE_DESC -> "max(price) DESC, created_at DESC, product_id DESC";
            case NEWEST -> "created_at DESC, product_id DESC";
        };
        long[] total = {0};
        var rows = jdbc.query(candidates + """
                SELECT product_id, title, artist, category, count(*) OVER () AS total
                FROM candidate WHERE %s
                GROUP BY product_id, title, artist, category, created_at, rank
                ORDER BY %s LIMIT :limit OFFSET :offset""".formatted(filters.all(), order), parameters, (rs, n) -> {
            total[0] = rs.getLong("total");
            return new String[]{rs.getString("product_id"), rs.getString("title"), rs.getString("artist"),
                    rs.getString("category")};
        });
        if (rows.isEmpty() && query.page() > 0) {
            total[0] = jdbc.queryForObject(candidates + "SELECT count(DISTINCT product_id) FROM candidate WHERE "
                    + filters.all(), parameters, Long.class);
        }
        var hits = hits(rows, candidates, filters, parameters, tsquery != null);
        return new ProductSearchResult(hits, facets(candidates, filters, parameters), query.page(), query.size(),
                total[0]);
    }

    /** Products that match the words, one row per variant with its stock. */
    private static String candidates(boolean text) {
        return """
                WITH matched AS (
                    SELECT p.product_id, p.title, p.artist, p.category, p.colors, p.created_at, %s AS rank
                    FROM catalog_search_product p %s
                    WHERE p.active %s
                ), candidate AS (
                    SELECT m.*, v.sku, v.size, v.framed, v.paper, v.price, v.currency,
                           coalesce(s.available, 0) AS available
                    FROM matched m JOIN catalog_search_variant v ON v.product_id = m.product_id
                    LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                )
                """.formatted(text ? "ts_rank(" + WEIGHTS + ", p.document, q.query)" : "0",
                text ? ", (SELECT to_tsquery(CAST(:config AS regconfig), :tsquery) AS query) q" : "",
                text ? "AND p.document @@ q.query" : "");
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
        jdbc.queryForObject("SELECT set_config('pg_trgm.similarity_threshold', :s, true)",
                Map.of("s", Double.toString(settings.similarity())), String.class);
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
        return alternatives.values().stream()
                .map(spellings -> spellings.stream().collect(Collectors.joining(" | ", "(", ")")))
                .collect(Collectors.joining(" & "));
    }

    private List<Hit> hits(List<String[]> rows, String candidates, Filters filters, MapSqlParameterSource parameters,
                           boolean text) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var ids = rows.stream().map(r -> r[0]).toList();
        parameters.addValue("ids", ids);
        var variants = new HashMap<String, List<VariantHit>>();
        jdbc.query(candidates + "SELECT * FROM candidate WHERE product_id IN (:ids) AND " + filters.variants()
                + " ORDER BY price, sku", parameters, rs -> {
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
                    to_tsquery(CAST(:config AS regconfig), :tsquery) AS query) q
                WHERE p.product_id IN (:ids)""".formatted(whole, fragment), parameters, rs -> {
            var fields = new LinkedHashMap<String, String>();
            for (var field : List.of("title", "artist", "description")) {
                var marked = rs.getString(field);
                if (marked != null && marked.contains(OPEN)) {
                    fields.put(field, SearchResults.highlight(marked, OPEN, CLOSE));
                }
            }
            result.put(rs.getString("product_id"), fields);
        });
        return result;
    }

    private ProductSearchResult.Facets facets(String candidates, Filters filters, MapSqlParameterSource parameters) {
        var counts = new HashMap<String, Map<String, Long>>();
        long[] prices = new long[SearchProductsQuery.PRICE_BOUNDS.size() + 1];
        parameters.addValue("bounds", SearchProductsQuery.PRICE_BOUNDS.toArray(java.math.BigDecimal[]::new));
        jdbc.query(candidates + """
                SELECT 'category' AS facet, category AS value, count(DISTINCT product_id) AS n
                    FROM candidate WHERE %s GROUP BY category
                UNION ALL SELECT 'artist', artist, count(DISTINCT product_id)
                    FROM candidate WHERE %s GROUP BY artist
                UNION ALL SELECT 'color', c, count(DISTINCT product_id)
                    FROM candidate, unnest(colors) c WHERE %s GROUP BY c
                UNION ALL SELECT 'size', size, count(DISTINCT product_id) FROM candidate WHERE %s GROUP BY size
                UNION ALL SELECT 'framed', CAST(framed AS text), count(DISTINCT product_id)
                    FROM candidate WHERE %s GROUP BY framed
                UNION ALL SELECT 'paper', paper, count(DISTINCT product_id) FROM candidate WHERE %s GROUP BY paper
                UNION ALL SELECT 'price', CAST(width_bucket(price, CAST(:bounds AS numeric[])) AS text),
                    count(DISTINCT product_id) FROM candidate WHERE %s GROUP BY 2
                """.formatted(filters.allBut("category"), filters.allBut("artist"), filters.allBut("color"),
                filters.allBut("size"), filters.allBut("framed"), filters.allBut("paper"),
                filters.allBut("price")), parameters, rs -> {
            var facet = rs.getString("facet");
            if (facet.equals("price")) {
                prices[Integer.parseInt(rs.getString("value"))] = rs.getLong("n");
            } else {
                counts.computeIfAbsent(facet, k -> new HashMap<>()).put(rs.getString("value"), rs.getLong("n"));
            }
        });
        return SearchResults.facets(counts.getOrDefault("category", Map.of()), counts.getOrDefault("artist", Map.of()),
                counts.getOrDefault("size", Map.of()), counts.getOrDefault("framed", Map.of()),
                counts.getOrDefault("paper", Map.of()), counts.getOrDefault("color", Map.of()), prices);
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

        String all() {
            return allBut("");
        }

        String variants() {
            return join(variant.values().stream().toList());
        }

        String allBut(String facet) {
            var parts = new ArrayList<String>();
            product.forEach((name, sql) -> {
                if (!name.equals(facet)) {
                    parts.add(sql);
                }
            });
            variant.forEach((name, sql) -> {
                if (!name.equals(facet)) {
                    parts.add(sql);
                }
            });
            return join(parts);
        }

        private static String join(List<String> parts) {
            return parts.isEmpty() ? "TRUE" : parts.stream().collect(Collectors.joining(") AND (", "(", ")"));
        }
    }
}
