-- Promo codes as admins see them (query side): definition, state and uses, rebuilt from events.
CREATE TABLE promo_code_view (
    code                VARCHAR(32)    PRIMARY KEY,
    type                VARCHAR(20)    NOT NULL,
    percent_off         NUMERIC(5, 2),
    amount_off          NUMERIC(19, 4),
    amount_currency     VARCHAR(3),
    minimum_order_value NUMERIC(19, 4),
    minimum_currency    VARCHAR(3),
    valid_from          TIMESTAMPTZ,
    valid_until         TIMESTAMPTZ,
    usage_limit         INTEGER,
    active              BOOLEAN        NOT NULL,
    redemptions         INTEGER        NOT NULL,
    version             BIGINT         NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL
);
-- which order used which code, so a cancellation can give the use back
CREATE TABLE promo_code_use (
    order_id VARCHAR(64) PRIMARY KEY,
    code     VARCHAR(32) NOT NULL
);
