-- Who read which history, when: every audit read is recorded here. Append-only: rows are never changed or
-- removed, which the trigger enforces for every role the application connects with.
CREATE TABLE audit_log (
    id         BIGSERIAL    PRIMARY KEY,
    at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    user_id    VARCHAR(64)  NOT NULL,
    roles      VARCHAR(100) NOT NULL,
    action     VARCHAR(40)  NOT NULL,
    resource   VARCHAR(300) NOT NULL,
    request_id VARCHAR(64)
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
