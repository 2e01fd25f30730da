-- Stripe webhook events already acted on: Stripe delivers at least once, so repeats are recognised by event id.
CREATE TABLE stripe_webhook_event (
    event_id    VARCHAR(255) PRIMARY KEY,
    type        VARCHAR(100) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);
