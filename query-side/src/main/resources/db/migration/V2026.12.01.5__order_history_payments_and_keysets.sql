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
