-- Catalog search on PostgreSQL, made cheaper where it counted facets over most of the catalog (docs/performance.md).
-- offers: what the variants offer as one bit per value, in the layout of query-side's Offers class (sizes A4, A3,
-- A2, A1; framed true, false; papers MATTE, GLOSSY; price ranges 0 to 3 under the bounds 20, 40, 80). Counting
-- groups of these integers replaces testing four arrays of every match, and the arrays go.
-- variant_*: each variant's bits, price and units available, in SKU order, so variant filters and the facets under
-- them are worked out from the product's own row instead of a join to every matching product's variants.
ALTER TABLE catalog_search_product
    ADD COLUMN offers            INT       NOT NULL DEFAULT 0,
    ADD COLUMN variant_offers    INT[]     NOT NULL DEFAULT '{}',
    ADD COLUMN variant_prices    NUMERIC[] NOT NULL DEFAULT '{}',
    ADD COLUMN variant_available INT[]     NOT NULL DEFAULT '{}';

UPDATE catalog_search_product p SET (offers, variant_offers, variant_prices, variant_available) = (
    SELECT coalesce(bit_or(x.bits), 0), coalesce(array_agg(x.bits ORDER BY x.sku), '{}'),
           coalesce(array_agg(x.price ORDER BY x.sku), '{}'), coalesce(array_agg(x.available ORDER BY x.sku), '{}')
    FROM (SELECT v.sku, v.price, coalesce(s.available, 0) AS available,
                 (1 << (array_position(CAST('{A4,A3,A2,A1}' AS text[]), CAST(v.size AS text)) - 1))
                 | (CASE WHEN v.framed THEN 16 ELSE 32 END)
                 | (1 << (array_position(CAST('{MATTE,GLOSSY}' AS text[]), CAST(v.paper AS text)) + 5))
                 | (1 << (width_bucket(v.price, CAST('{20,40,80}' AS numeric[])) + 8)) AS bits
          FROM catalog_search_variant v LEFT JOIN catalog_search_stock s ON s.sku = v.sku
          WHERE v.product_id = p.product_id) x);

ALTER TABLE catalog_search_product
    DROP COLUMN sizes, DROP COLUMN framings, DROP COLUMN papers, DROP COLUMN price_buckets;

-- Searches without words: each facet reads only the products its filters let through.
CREATE INDEX catalog_search_product_category ON catalog_search_product (category) WHERE active;
CREATE INDEX catalog_search_product_artist ON catalog_search_product (artist) WHERE active;
CREATE INDEX catalog_search_product_colors ON catalog_search_product USING GIN (colors) WHERE active;
