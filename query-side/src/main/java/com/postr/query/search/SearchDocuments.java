package com.postr.query.search;

import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.SearchProductsQuery;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog search tables: written by the projection, read by both engines (ADR 15 in docs/adr). */
@Component
class SearchDocuments {

    // title A, artist B, tags and colors C, description D: the weights ts_rank applies
    private static final String DOCUMENT = """
            setweight(to_tsvector(CAST(:config AS regconfig), title), 'A')
            || setweight(to_tsvector(CAST(:config AS regconfig), artist), 'B')
            || setweight(to_tsvector(CAST(:config AS regconfig), array_to_string(tags || colors, ' ')), 'C')
            || setweight(to_tsvector(CAST(:config AS regconfig), coalesce(description, '')), 'D')""";

    private final NamedParameterJdbcTemplate jdbc;
    private final String config;

    SearchDocuments(NamedParameterJdbcTemplate jdbc, SearchProperties properties) {
        this.jdbc = jdbc;
        this.config = properties.postgres().textConfig();
    }

    /** The sequence number of the product's last applied event, if the product is known. */
    Optional<Long> productSequence(String productId) {
        return jdbc.query("SELECT product_seq FROM catalog_search_product WHERE product_id = :id",
                Map.of("id", productId), rs -> rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty());
    }

    void insertProduct(String productId, Details details, Instant createdAt, long sequence) {
        jdbc.update("""
                INSERT INTO catalog_search_product (product_id, title, artist, description, category, tags, colors,
                    active, created_at, product_seq, doc_version, document)
                VALUES (:id, :title, :artist, :description, :category, :tags, :colors, TRUE, :createdAt, :seq, 0, '')
                """, details.parameters().addValue("id", productId)
                .addValue("createdAt", Timestamp.from(createdAt)).addValue("seq", sequence));
    }

    void describe(String productId, Details details) {
        jdbc.update("""
                UPDATE catalog_search_product SET title = :title, artist = :artist, description = :description,
                    category = :category, tags = :tags, colors = :colors WHERE product_id = :id
                """, details.parameters().addValue("id", productId));
    }

    /** Recomputes the words of the product and learns them as spellings to suggest. */
    void refreshWords(String productId) {
        jdbc.update("""
                WITH updated AS (
                    UPDATE catalog_search_product SET document = %s WHERE product_id = :id RETURNING document)
                INSERT INTO catalog_search_term (term)
                SELECT DISTINCT lexeme FROM updated, unnest(updated.document)
                WHERE lexeme ~ '^[[:alnum:]]+$'
                ON CONFLICT DO NOTHING
                """.formatted(DOCUMENT), new MapSqlParameterSource("id", productId).addValue("config", config));
    }

    void addVariant(String productId, SearchDocument.Variant variant) {
        jdbc.update("""
                INSERT INTO catalog_search_variant (sku, product_id, size, framed, paper, price, currency)
                VALUES (:sku, :id, :size, :framed, :paper, :price, :currency) ON CONFLICT (sku) DO NOTHING
                """, new MapSqlParameterSource("sku", variant.sku()).addValue("id", productId)
                .addValue("size", variant.size()).addValue("framed", variant.framed())
                .addValue("paper", variant.paper()).addValue("price", variant.price())
                .addValue("currency", variant.currency()));
    }

    void changePrice(String sku, BigDecimal price, String currency) {
        jdbc.update("UPDATE catalog_search_variant SET price = :price, currency = :currency WHERE sku = :sku",
                Map.of("sku", sku, "price", price, "currency", currency));
    }

    /**
     * Recomputes what the product's variants offer (as {@link Offers} bits, and its cheapest and dearest variant) and
     * each variant's bits, price and units available, in SKU order.
     */
    void summarizeVariants(String productId) {
        jdbc.update("""
                UPDATE catalog_search_product p
                SET (min_price, max_price, offers, variant_offers, variant_prices, variant_available) = (
                    SELECT min(x.price), max(x.price), coalesce(bit_or(x.bits), 0),
                           coalesce(array_agg(x.bits ORDER BY x.sku), '{}'),
                           coalesce(array_agg(x.price ORDER BY x.sku), '{}'),
                           coalesce(array_agg(x.available ORDER BY x.sku), '{}')
                    FROM (SELECT v.sku, v.price, coalesce(s.available, 0) AS available, %s AS bits
                          FROM catalog_search_variant v LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                          WHERE v.product_id = p.product_id) x)
                WHERE p.product_id = :id""".formatted(Offers.ofVariant()), new MapSqlParameterSource("id", productId)
                .addValue("bounds", SearchProductsQuery.PRICE_BOUNDS.toArray(BigDecimal[]::new)));
    }

    /**
     * Adds ({@code +1}) or takes away ({@code -1}) the product's values from the whole-catalog facet counts, if it is
     * active: called with -1 before a change to the product and +1 after it.
     */
    void countFacets(String productId, int sign) {
        jdbc.update("""
                INSERT INTO catalog_search_facet_count AS f (facet, value, products)
                SELECT x.facet, x.value, :sign FROM catalog_search_product p CROSS JOIN LATERAL (
                    SELECT 'total', '' UNION ALL SELECT 'category', p.category UNION ALL SELECT 'artist', p.artist
                    UNION ALL SELECT 'color', c FROM unnest(p.colors) c
                    UNION ALL SELECT o.facet, o.value FROM (VALUES %s) o(facet, value, bit)
                              WHERE p.offers & (1 << o.bit) <> 0) x(facet, value)
                WHERE p.product_id = :id AND p.active
                ON CONFLICT (facet, value) DO UPDATE SET products = f.products + EXCLUDED.products
                """.formatted(Offers.values()), Map.of("id", productId, "sign", sign));
    }

    /** Those of the words the catalog uses: they are taken as typed, not as typos ({@link Spelling}). */
    Set<String> catalogWords(List<String> words) {
        if (words.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("SELECT term FROM catalog_search_term WHERE term IN (:words)",
                Map.of("words", words), String.class));
    }

    /** The whole active catalog's facet counts and size, as the projection keeps them. */
    WholeCatalog wholeCatalog() {
        var tally = new Tally();
        jdbc.query("SELECT facet, value, products FROM catalog_search_facet_count WHERE products > 0",
                (RowCallbackHandler) rs -> tally.add(rs.getString("facet"), rs.getString("value"),
                        rs.getLong("products")));
        return new WholeCatalog(tally.facets(), tally.total);
    }

    record WholeCatalog(ProductSearchResult.Facets facets, long total) {
    }

    void discontinue(String productId) {
        jdbc.update("UPDATE catalog_search_product SET active = FALSE WHERE product_id = :id", Map.of("id", productId));
    }

    /** Marks the product's event as applied and moves its document version on. */
    void applied(String productId, long sequence) {
        bumpVersion(":seq", "p.product_id = :id", Map.of("id", productId, "seq", sequence));
    }

    /** How a SKU's event moves its stock; what it does not name stays. */
    enum StockChange {
        /** Units received or counted: what is reserved is unchanged, so available moves by the same amount. */
        ON_HAND("on_hand = :value, available = GREATEST(0, s.available + :value - s.on_hand)"),
        /** Units leave the shelf and the reservation together: available is unchanged. */
        COMMITTED("on_hand = :value"),
        /** A reservation made, released or expired: the event says what is available now. */
        AVAILABLE("available = :value");

        private final String assignments;

        StockChange(String assignments) {
            this.assignments = assignments;
        }
    }

    /**
     * Applies a SKU's stock event unless an equal or later one is applied, and raises its product's document
     * version by as much as the SKU's term of it grew, and its units available in the product's row: one
     * statement, as it runs for every reservation.
     */
    void applyStock(String sku, StockChange change, int value, long sequence) {
        jdbc.update("""
                WITH before AS (SELECT seq FROM catalog_search_stock WHERE sku = :sku),
                changed AS (
                    INSERT INTO catalog_search_stock AS s (sku, on_hand, available, seq)
                    VALUES (:sku, :value, :value, :seq)
                    ON CONFLICT (sku) DO UPDATE SET %s, seq = :seq WHERE s.seq < :seq
                    RETURNING sku, seq, available)
                UPDATE catalog_search_product p
                SET doc_version = p.doc_version + c.seq - coalesce((SELECT seq FROM before), -1),
                    change_seq = nextval('catalog_search_change_seq'),
                    -- this statement's own stock write is not visible to it, so the SKU's new figure comes from it
                    variant_available = (
                        SELECT array_agg(CASE WHEN w.sku = c.sku THEN c.available ELSE coalesce(s.available, 0) END
                                         ORDER BY w.sku)
                        FROM catalog_search_variant w LEFT JOIN catalog_search_stock s ON s.sku = w.sku
                        WHERE w.product_id = p.product_id)
                FROM changed c JOIN catalog_search_variant v ON v.sku = c.sku
                WHERE p.product_id = v.product_id""".formatted(change.assignments),
                Map.of("sku", sku, "value", value, "seq", sequence));
    }

    /**
     * The version is the product's sequence plus its SKUs' stock sequences (each plus one): every applied event
     * raises one term, and no event lowers any, so it orders every state of the document.
     */
    private void bumpVersion(String productSequence, String which, Map<String, ?> parameters) {
        jdbc.update("""
                UPDATE catalog_search_product p SET product_seq = %1$s, doc_version = %1$s + 1 + coalesce((
                        SELECT sum(s.seq + 1) FROM catalog_search_variant v JOIN catalog_search_stock s ON s.sku = v.sku
                        WHERE v.product_id = p.product_id), 0),
                    change_seq = nextval('catalog_search_change_seq')
                WHERE %2$s""".formatted(productSequence, which), parameters);
    }

    void deleteAll() {
        jdbc.getJdbcTemplate().execute("TRUNCATE catalog_search_variant, catalog_search_product, catalog_search_stock,"
                + " catalog_search_term, catalog_search_facet_count");
    }

    // ---- for the Elasticsearch indexer ----

    /**
     * Up to {@code limit} documents the index does not hold yet, oldest change first. Not locked: two nodes may
     * send the same document, and its version makes the second copy a no-op.
     */
    List<SearchDocument> unindexed(int limit) {
        var ids = jdbc.queryForList("""
                SELECT product_id FROM catalog_search_product WHERE indexed_version IS DISTINCT FROM doc_version
                ORDER BY change_seq LIMIT :limit""", Map.of("limit", limit), String.class);
        return load(ids);
    }

    /** Documents in product-id order after {@code afterId}, for a full build of a new index. */
    List<SearchDocument> page(String afterId, int limit) {
        var ids = jdbc.queryForList("""
                SELECT product_id FROM catalog_search_product WHERE product_id > :after ORDER BY product_id
                LIMIT :limit""", Map.of("after", afterId, "limit", limit), String.class);
        return load(ids);
    }

    void markIndexed(String productId, long version) {
        jdbc.update("UPDATE catalog_search_product SET indexed_version = :v WHERE product_id = :id AND doc_version = :v",
                Map.of("id", productId, "v", version));
    }

    long lastChange() {
        return jdbc.getJdbcTemplate().queryForObject(
                "SELECT coalesce(max(change_seq), 0) FROM catalog_search_product", Long.class);
    }

    /** After a full build: what changed since {@code change} is sent again; the rest is in the new index. */
    void markIndexedUpTo(long change) {
        jdbc.update("UPDATE catalog_search_product SET indexed_version = CASE WHEN change_seq <= :c THEN doc_version"
                + " END WHERE indexed_version IS DISTINCT FROM CASE WHEN change_seq <= :c THEN doc_version END",
                Map.of("c", change));
    }

    void forgetIndexed() {
        jdbc.getJdbcTemplate().update("UPDATE catalog_search_product SET indexed_version = NULL"
                + " WHERE indexed_version IS NOT NULL");
    }

    long unindexed() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM catalog_search_product"
                + " WHERE indexed_version IS DISTINCT FROM doc_version", Long.class);
    }

    private List<SearchDocument> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var variants = new LinkedHashMap<String, List<SearchDocument.Variant>>();
        jdbc.query("""
                SELECT v.product_id, v.sku, v.size, v.framed, v.paper, v.price, v.currency,
                       coalesce(s.available, 0) AS available
                FROM catalog_search_variant v LEFT JOIN catalog_search_stock s ON s.sku = v.sku
                WHERE v.product_id IN (:ids) ORDER BY v.price, v.sku""", Map.of("ids", ids), rs -> {
            variants.computeIfAbsent(rs.getString("product_id"), k -> new ArrayList<>()).add(variant(rs));
        });
        return jdbc.query("""
                SELECT product_id, title, artist, description, category, tags, colors, active, created_at, doc_version
                FROM catalog_search_product WHERE product_id IN (:ids) ORDER BY product_id""", Map.of("ids", ids),
                (rs, n) -> new SearchDocument(rs.getString("product_id"), rs.getString("title"),
                        rs.getString("artist"), rs.getString("description"), rs.getString("category"),
                        strings(rs.getArray("tags")), strings(rs.getArray("colors")), rs.getBoolean("active"),
                        rs.getTimestamp("created_at").toInstant(),
                        variants.getOrDefault(rs.getString("product_id"), List.of()), rs.getLong("doc_version")));
    }

    static SearchDocument.Variant variant(ResultSet rs) throws SQLException {
        return new SearchDocument.Variant(rs.getString("sku"), rs.getString("size"), rs.getBoolean("framed"),
                rs.getString("paper"), rs.getBigDecimal("price"), rs.getString("currency").strip(),
                rs.getInt("available"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** The describing fields of a product, as events carry them. */
    record Details(String title, String artist, String description, String category, List<String> tags,
                   List<String> colors) {
        MapSqlParameterSource parameters() {
            return new MapSqlParameterSource("title", title).addValue("artist", artist)
                    .addValue("description", description).addValue("category", category)
                    .addValue("tags", tags == null ? new String[0] : tags.toArray(String[]::new))
                    .addValue("colors", colors == null ? new String[0] : colors.toArray(String[]::new));
        }
    }
}
