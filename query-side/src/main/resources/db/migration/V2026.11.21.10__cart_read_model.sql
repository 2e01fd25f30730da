-- Carts as shoppers see them (query side), rebuilt from cart events.
CREATE TABLE cart_view (
    cart_id     VARCHAR(64) PRIMARY KEY,
    customer_id VARCHAR(64),
    status      VARCHAR(20) NOT NULL,
    lines       JSONB       NOT NULL,
    promo_code  VARCHAR(32),
    order_id    VARCHAR(64),
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX cart_view_status ON cart_view (status, updated_at);
