-- Catalog search read model (query side). The PostgreSQL engine searches these tables; the Elasticsearch engine
-- indexes them (indexed_version lags doc_version until a document is in the index). Rebuilt from events.
CREATE EXTENSION IF NOT EXISTS pg_trgm;   -- typo tolerance; a trusted extension, so a database owner may add it

CREATE SEQUENCE catalog_search_change_seq;

CREATE TABLE catalog_search_product (
    product_id      VARCHAR(64)  PRIMARY KEY,
    title           VARCHAR(200) NOT NULL,
    artist          VARCHAR(200) NOT NULL,
    description     TEXT,
    category        VARCHAR(100) NOT NULL,
    tags            TEXT[]       NOT NULL DEFAULT '{}',
    colors          TEXT[]       NOT NULL DEFAULT '{}',
    active          BOOLEAN      NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    -- sequence number of the last applied product event (handlers are idempotent by it)
    product_seq     BIGINT       NOT NULL,
    -- grows with every applied product or stock event: the external version of the Elasticsearch document
    doc_version     BIGINT       NOT NULL,
    indexed_version BIGINT,
    -- when the row last changed, in commit-independent order: a reindex re-sends what changed while it ran
    change_seq      BIGINT       NOT NULL DEFAULT nextval('catalog_search_change_seq'),
    -- title A, artist B, tags and colors C, description D
    document        TSVECTOR     NOT NULL,
    -- what the variants offer, one value each, so facets without variant filters need no join
    sizes           TEXT[]       NOT NULL DEFAULT '{}',
    framings        TEXT[]       NOT NULL DEFAULT '{}',
    papers          TEXT[]       NOT NULL DEFAULT '{}',
    price_buckets   INT[]        NOT NULL DEFAULT '{}',
    min_price       NUMERIC,
    max_price       NUMERIC
);
CREATE INDEX catalog_search_product_document ON catalog_search_product USING GIN (document);
-- browsing without words or filters: the first page comes straight from an index in each order
CREATE INDEX catalog_search_product_newest ON catalog_search_product (created_at DESC, product_id DESC)
    WHERE active;
CREATE INDEX catalog_search_product_cheapest ON catalog_search_product (min_price, created_at DESC, product_id DESC)
    WHERE active;
CREATE INDEX catalog_search_product_dearest ON catalog_search_product (max_price DESC, created_at DESC,
    product_id DESC) WHERE active;
CREATE INDEX catalog_search_product_unindexed ON catalog_search_product (change_seq)
    WHERE indexed_version IS DISTINCT FROM doc_version;

CREATE TABLE catalog_search_variant (
    sku        VARCHAR(64) PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL REFERENCES catalog_search_product ON DELETE CASCADE,
    size       VARCHAR(8)  NOT NULL,
    framed     BOOLEAN     NOT NULL,
    paper      VARCHAR(16) NOT NULL,
    price      NUMERIC     NOT NULL,
    currency   CHAR(3)     NOT NULL
);
CREATE INDEX catalog_search_variant_product ON catalog_search_variant (product_id);

-- Stock may be received for a SKU before its product is seen here (segments run apart), so it stands alone.
CREATE TABLE catalog_search_stock (
    sku       VARCHAR(64) PRIMARY KEY,
    on_hand   INT         NOT NULL,
    available INT         NOT NULL,
    seq       BIGINT      NOT NULL
);

-- Every word of the catalog, for "did you mean": a query word also matches its close spellings found here.
CREATE TABLE catalog_search_term (
    term TEXT PRIMARY KEY
);
CREATE INDEX catalog_search_term_trigrams ON catalog_search_term USING GIN (term gin_trgm_ops);

-- Facet counts of the whole active catalog, kept as products change: browsing without words or filters (a shop's
-- landing page) reads these rows instead of counting every product. facet 'total' counts the products.
CREATE TABLE catalog_search_facet_count (
    facet    VARCHAR(16) NOT NULL,
    value    TEXT        NOT NULL,
    products INT         NOT NULL,
    PRIMARY KEY (facet, value)
);
