-- Analytics facts (docs/analytics.md). One row per thing counted, written by its events as upserts guarded by the
-- aggregate's sequence, so a replay or a redelivered batch writes the same rows again. Figures are sums over these
-- rows at query time, in the business time zone of the query, so changing postr.analytics.zone needs no rebuild.

CREATE TABLE analytics_order (
    order_id        VARCHAR(64)    NOT NULL PRIMARY KEY,
    customer_id     VARCHAR(64),
    placed_at       TIMESTAMPTZ    NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    currency        CHAR(3)        NOT NULL,
    subtotal        NUMERIC(19, 4) NOT NULL,
    discount        NUMERIC(19, 4) NOT NULL,
    tax             NUMERIC(19, 4) NOT NULL,
    shipping        NUMERIC(19, 4) NOT NULL,
    total           NUMERIC(19, 4) NOT NULL,
    units           INTEGER        NOT NULL,
    promo_code      VARCHAR(64),
    confirmed_at    TIMESTAMPTZ,
    cancelled_at    TIMESTAMPTZ,
    cancel_reason   VARCHAR(32),
    sequence_number BIGINT         NOT NULL
);
CREATE INDEX analytics_order_placed ON analytics_order (placed_at);
CREATE INDEX analytics_order_confirmed ON analytics_order (confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX analytics_order_cancelled ON analytics_order (cancelled_at) WHERE cancelled_at IS NOT NULL;

CREATE TABLE analytics_order_line (
    order_id   VARCHAR(64)    NOT NULL,
    sku        VARCHAR(64)    NOT NULL,
    product_id VARCHAR(64)    NOT NULL,
    quantity   INTEGER        NOT NULL,
    line_total NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX analytics_order_line_product ON analytics_order_line (product_id);

-- each refund once, under the order's event that paid it
CREATE TABLE analytics_refund (
    order_id        VARCHAR(64)    NOT NULL,
    sequence_number BIGINT         NOT NULL,
    refunded_at     TIMESTAMPTZ    NOT NULL,
    amount          NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (order_id, sequence_number)
);
CREATE INDEX analytics_refund_at ON analytics_refund (refunded_at);

CREATE TABLE analytics_product (
    product_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    title      VARCHAR(500) NOT NULL,
    artist     VARCHAR(500)
);

CREATE TABLE analytics_variant (
    sku        VARCHAR(64) NOT NULL PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL,
    size       VARCHAR(16),
    framed     BOOLEAN,
    paper      VARCHAR(16)
);

CREATE TABLE analytics_cart (
    cart_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at     TIMESTAMPTZ NOT NULL,
    first_item_at  TIMESTAMPTZ,
    checked_out_at TIMESTAMPTZ,
    order_id       VARCHAR(64),
    expired_at     TIMESTAMPTZ
);
CREATE INDEX analytics_cart_created ON analytics_cart (created_at);
CREATE INDEX analytics_cart_order ON analytics_cart (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE analytics_payment (
    payment_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    order_id     VARCHAR(64) NOT NULL,
    requested_at TIMESTAMPTZ,
    decided_at   TIMESTAMPTZ,
    outcome      VARCHAR(16),
    decline_code VARCHAR(64)
);
CREATE INDEX analytics_payment_decided ON analytics_payment (decided_at) WHERE decided_at IS NOT NULL;
