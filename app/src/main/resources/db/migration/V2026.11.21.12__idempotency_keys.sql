-- Idempotency-Key records: one row per (caller scope, key), shared by every node and kept across restarts.
-- A row is IN_PROGRESS while its first request runs (concurrent duplicates wait on it), then COMPLETED with the
-- response to replay. Rows expire after postr.idempotency.ttl (24 h) and are purged.
CREATE TABLE idempotency_key (
    scope            VARCHAR(255) NOT NULL,   -- the user, or "anonymous"
    idem_key         VARCHAR(255) NOT NULL,
    fingerprint      CHAR(64)     NOT NULL,   -- SHA-256 of method, path, content type and body
    state            VARCHAR(16)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    response_status  INTEGER,
    response_headers TEXT,
    response_body    BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL,
    expires_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
-- the purge deletes by expiry
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
