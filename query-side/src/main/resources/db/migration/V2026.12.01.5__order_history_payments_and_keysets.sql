-- The payment summary of each order (no card data beyond brand and last four digits).
CREATE TABLE order_history_payment (
    order_id       VARCHAR(64)    PRIMARY KEY,
    payment_id     VARCHAR(64)    NOT NULL,
    status         VARCHAR(30)    NOT NULL,
    card_brand     VARCHAR(30),
    card_last4     VARCHAR(4),
    transaction_id VARCHAR(255),
    captured       NUMERIC(19, 4),
    version        BIGINT         NOT NULL,
    updated_at     TIMESTAMPTZ
);

-- Every documented filter and sort, for offset and keyset pages alike. Each index ends in the full sort key
-- (sort column, then created_at for statuses, then order_id), so a keyset page is one index range scan at any
-- depth. B-trees are read in both directions, so one index serves asc and desc.
DROP INDEX order_history_customer;
DROP INDEX order_history_status;
DROP INDEX order_history_created;
CREATE INDEX order_history_created ON order_history (created_at, order_id);
CREATE INDEX order_history_total ON order_history (total, order_id);
CREATE INDEX order_history_status ON order_history (status, created_at, order_id);
CREATE INDEX order_history_customer_created ON order_history (customer_id, created_at, order_id);
CREATE INDEX order_history_customer_total ON order_history (customer_id, total, order_id);
CREATE INDEX order_history_customer_status ON order_history (customer_id, status, created_at, order_id);

-- How many orders each status has per day of placement (UTC), so an offset page's total is a sum over a few
-- hundred rows instead of a count over every matching order. Each order counts in one of 8 shards (the last
-- character of its id, modulo 8; OrderHistoryProjection uses the same rule), so projection segments running side
-- by side rarely wait on the same row.
CREATE TABLE order_history_daily_count (
    status VARCHAR(20) NOT NULL,
    day    DATE        NOT NULL,
    shard  SMALLINT    NOT NULL,
    orders BIGINT      NOT NULL,
    PRIMARY KEY (status, day, shard)
);
INSERT INTO order_history_daily_count (status, day, shard, orders)
SELECT status, (created_at AT TIME ZONE 'UTC')::date, ascii(right(order_id, 1)) % 8, count(*)
FROM order_history GROUP BY 1, 2, 3;
