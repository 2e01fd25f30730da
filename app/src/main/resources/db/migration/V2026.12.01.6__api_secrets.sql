-- Keys the API signs its own tokens with (order list cursors), shared by every node through the database so a
-- cursor issued by one node is accepted by all. Created on first use.
CREATE TABLE api_secret (
    name       VARCHAR(64) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
