-- Order history (query side), rebuilt from order events. Holds no payment token.
CREATE TABLE order_history (
    order_id            VARCHAR(64)    PRIMARY KEY,
    customer_id         VARCHAR(64),
    status              VARCHAR(20)    NOT NULL,
    total               NUMERIC(19, 4) NOT NULL,
    currency            VARCHAR(3)     NOT NULL,
    items_count         INTEGER        NOT NULL,
    lines               JSONB          NOT NULL,
    prices              JSONB          NOT NULL,
    shipping_address    JSONB          NOT NULL,
    payment_method_type VARCHAR(30),
    shipment            JSONB,
    cancellation        JSONB,
    refund_status       VARCHAR(30)    NOT NULL,
    refunded            NUMERIC(19, 4) NOT NULL,
    timeline            JSONB          NOT NULL,
    version             BIGINT         NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL
);
CREATE INDEX order_history_customer ON order_history (customer_id, created_at DESC);
CREATE INDEX order_history_status ON order_history (status, created_at DESC);
CREATE INDEX order_history_created ON order_history (created_at DESC);
