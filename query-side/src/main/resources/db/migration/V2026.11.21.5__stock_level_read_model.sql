-- Stock levels per SKU (query side), rebuilt from inventory events.
CREATE TABLE stock_level (
    sku                 VARCHAR(64) PRIMARY KEY,
    on_hand             INTEGER     NOT NULL,
    reserved            INTEGER     NOT NULL,
    available           INTEGER     NOT NULL CHECK (available >= 0),
    active_reservations INTEGER     NOT NULL,
    version             BIGINT      NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
