-- Crash-safe Idempotency-Keys (docs/adr/0013).
-- Each node renews a lease here; work claimed by a node whose lease went stale may be taken over.
CREATE TABLE node_lease (
    node_id      VARCHAR(255) PRIMARY KEY,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);

-- Which node runs an IN_PROGRESS key; RETRYABLE is a key whose request failed with a 5xx: a retry of the same
-- request may run again, a different request with the key is still refused.
ALTER TABLE idempotency_key ADD COLUMN owner_node VARCHAR(255);
-- When the key was first claimed; kept when a retry takes the claim over, renewed when an expired key is reused.
-- Ids derived from the key (an order's) include it, so a key reused after expiry is a new request.
ALTER TABLE idempotency_key ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_state_check;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_state_check
    CHECK (state IN ('IN_PROGRESS', 'COMPLETED', 'RETRYABLE'));

-- One row per command a keyed request had applied, written in the same transaction as that command's events:
-- a retry of a request whose answer was lost (crash, database restart) finds its effects here and is never
-- applied twice.
CREATE TABLE idempotency_effect (
    scope      VARCHAR(255) NOT NULL,
    idem_key   VARCHAR(255) NOT NULL,
    command    VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key, command)
);
CREATE INDEX idempotency_effect_age ON idempotency_effect (created_at);
