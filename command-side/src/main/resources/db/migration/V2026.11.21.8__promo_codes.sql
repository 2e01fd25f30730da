-- Promo codes as the command side applies them, and which orders use them. Written by a subscribing
-- processor ("promotions") in the transactions of promo and order events. A usage limit holds exactly under
-- concurrent checkouts: a redemption locks its promo code's row while counting.
CREATE TABLE promo_code (
    code                VARCHAR(32)    PRIMARY KEY,
    type                VARCHAR(20)    NOT NULL,
    percent_off         NUMERIC(5, 2),
    amount_off          NUMERIC(19, 4),
    currency            VARCHAR(3),
    minimum_order_value NUMERIC(19, 4),
    valid_from          TIMESTAMPTZ,
    valid_until         TIMESTAMPTZ,
    usage_limit         INTEGER,
    active              BOOLEAN        NOT NULL
);

CREATE TABLE promo_redemption (
    order_id VARCHAR(64) PRIMARY KEY,
    code     VARCHAR(32) NOT NULL REFERENCES promo_code (code)
);
CREATE INDEX promo_redemption_code ON promo_redemption (code);
