-- The command side's own price list: what a SKU sells for now, used to fix prices on new orders. Written by a
-- subscribing processor ("price-list") in the same transaction as the product events, so a product can be
-- ordered the moment its registration returns.
CREATE TABLE price_list (
    sku          VARCHAR(64)    PRIMARY KEY,
    product_id   VARCHAR(64)    NOT NULL,
    title        VARCHAR(200)   NOT NULL,
    price_amount NUMERIC(19, 4) NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    for_sale     BOOLEAN        NOT NULL
);
CREATE INDEX price_list_product_id ON price_list (product_id);
