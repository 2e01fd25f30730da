-- Identity (docs/adr/0012): accounts, refresh tokens and the keys that sign access tokens, all edge concerns kept
-- out of the event store. Rate-limit buckets sit here too, so every node draws from the same bucket.

CREATE TABLE app_user (
    user_id        VARCHAR(64)  PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,          -- stored lower-case; unique below
    password_hash  VARCHAR(100) NOT NULL,          -- bcrypt
    display_name   VARCHAR(100),
    roles          VARCHAR(100) NOT NULL,          -- comma-separated: customer, admin, support, partner
    plan           VARCHAR(16)  NOT NULL DEFAULT 'standard' CHECK (plan IN ('standard', 'premium')),
    status         VARCHAR(16)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    last_login_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX app_user_email ON app_user (email);
CREATE INDEX app_user_created ON app_user (created_at DESC);

-- Refresh tokens are opaque; only their SHA-256 is kept. Each login starts a family; each refresh rotates the
-- token within it. Presenting a rotated token again means it leaked: the whole family is revoked.
CREATE TABLE refresh_token (
    token_hash  BYTEA        PRIMARY KEY,
    family_id   UUID         NOT NULL,
    user_id     VARCHAR(64)  NOT NULL REFERENCES app_user (user_id),
    issued_at   TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);
CREATE INDEX refresh_token_expiry ON refresh_token (expires_at);

-- RS256 key pairs that sign access tokens. The newest active one signs; every active one verifies and is
-- published as JWKS. Stored here so every node signs with, and accepts, the same keys across restarts.
CREATE TABLE jwt_signing_key (
    kid          VARCHAR(64)  PRIMARY KEY,
    private_key  BYTEA        NOT NULL,            -- PKCS#8 DER
    public_key   BYTEA        NOT NULL,            -- X.509 SubjectPublicKeyInfo DER
    created_at   TIMESTAMPTZ  NOT NULL,
    active       BOOLEAN      NOT NULL DEFAULT TRUE
);

-- A guest cart's secret: only its SHA-256 is kept. The token (not the cart id) proves the guest's right to it.
CREATE TABLE guest_cart_token (
    cart_id     VARCHAR(64)  PRIMARY KEY,
    token_hash  BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- Token buckets, one row per caller (user or client IP): an hourly bucket and a burst (per-minute) bucket,
-- refilled continuously. A request takes one token from each, or none if either is empty.
CREATE TABLE rate_limit_bucket (
    bucket_key     VARCHAR(128)     PRIMARY KEY,
    hour_tokens    DOUBLE PRECISION NOT NULL,
    minute_tokens  DOUBLE PRECISION NOT NULL,
    refilled_at    TIMESTAMPTZ      NOT NULL
);
CREATE INDEX rate_limit_bucket_refilled ON rate_limit_bucket (refilled_at);

-- Refill both buckets up to now, then take a token from each if both have one; all in one row lock, so
-- concurrent requests on any node never overdraw. Returns whether the request may pass and what is left.
CREATE FUNCTION rate_limit_take(p_key VARCHAR, p_per_hour INTEGER, p_per_minute INTEGER, p_now TIMESTAMPTZ,
                                OUT allowed BOOLEAN, OUT hour_left DOUBLE PRECISION,
                                OUT minute_left DOUBLE PRECISION)
LANGUAGE plpgsql AS $$
DECLARE
    b rate_limit_bucket%ROWTYPE;
    elapsed DOUBLE PRECISION;
BEGIN
    INSERT INTO rate_limit_bucket (bucket_key, hour_tokens, minute_tokens, refilled_at)
    VALUES (p_key, p_per_hour, p_per_minute, p_now)
    ON CONFLICT (bucket_key) DO NOTHING;
    SELECT * INTO b FROM rate_limit_bucket WHERE bucket_key = p_key FOR UPDATE;
    elapsed := GREATEST(0, EXTRACT(EPOCH FROM (p_now - b.refilled_at)));
    hour_left := LEAST(p_per_hour, b.hour_tokens + elapsed * p_per_hour / 3600.0);
    minute_left := LEAST(p_per_minute, b.minute_tokens + elapsed * p_per_minute / 60.0);
    allowed := hour_left >= 1 AND minute_left >= 1;
    IF allowed THEN
        hour_left := hour_left - 1;
        minute_left := minute_left - 1;
    END IF;
    UPDATE rate_limit_bucket
       SET hour_tokens = hour_left, minute_tokens = minute_left, refilled_at = GREATEST(b.refilled_at, p_now)
     WHERE bucket_key = p_key;
END
$$;
