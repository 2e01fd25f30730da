-- Catalog read model (query side). Rebuilt from events at any time; never the source of truth.
CREATE TABLE catalog_product (
    product_id          VARCHAR(64)  PRIMARY KEY,
    title               VARCHAR(200) NOT NULL,
    artist              VARCHAR(200) NOT NULL,
    description         TEXT,
    category            VARCHAR(100) NOT NULL,
    tags                TEXT[]       NOT NULL DEFAULT '{}',
    colors              TEXT[]       NOT NULL DEFAULT '{}',
    -- variants are always read with their product, so they live with it
    variants            JSONB        NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    discontinued_reason TEXT,
    -- sequence number of the last applied event: makes handlers idempotent and lets writers wait for it
    version             BIGINT       NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX catalog_product_listing ON catalog_product (created_at DESC, product_id DESC);
CREATE INDEX catalog_product_category ON catalog_product (category);
CREATE INDEX catalog_product_artist ON catalog_product (artist);
