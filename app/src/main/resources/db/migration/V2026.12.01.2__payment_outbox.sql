-- Payment calls still to make (docs/adr/0013): written in the transaction that moves the payment-gateway
-- processor past a request event, deleted once the outcome is recorded. A node that dies leaves its tasks here,
-- and another node (or the same one, restarted) re-sends them with the same idempotency key.
CREATE TABLE payment_task (
    event_id   VARCHAR(255) PRIMARY KEY,     -- the request event; the task is rebuilt from it
    payment_id VARCHAR(255) NOT NULL,        -- its aggregate, to read it back
    owner_node VARCHAR(255),                 -- the node running it; NULL: free for any node
    due_at     TIMESTAMPTZ  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX payment_task_due ON payment_task (due_at);
