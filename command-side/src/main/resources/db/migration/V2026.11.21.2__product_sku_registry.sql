-- Catalog-wide SKU uniqueness (command side). A SKU stays claimed after its product is discontinued:
-- it names a physical item on past orders and must never be reused for another print.
CREATE TABLE product_sku (
    sku        VARCHAR(64) PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL
);
CREATE INDEX product_sku_product_id ON product_sku (product_id);
