package com.postr.app.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys in PostgreSQL, so a retry reaching another node, or arriving after a restart, still finds
 * the first request. Claiming a key is one atomic statement: of two concurrent requests exactly one claims it.
 */
@Component
class IdempotencyStore {

    /** A claim older than this is from a request that died with its node; a retry may take it over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    IdempotencyStore(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.ttl = properties.ttl();
    }

    /** What a key holds for a caller. */
    record Entry(String fingerprint, boolean completed, int status, String headers, byte[] body) {
    }

    /** True if this request now owns the key: it is new, expired, or abandoned by a dead request. */
    boolean claim(String scope, String key, String fingerprint) {
        return !jdbc.queryForList("""
                INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, created_at, expires_at)
                VALUES (?, ?, ?, 'IN_PROGRESS', now(), now() + make_interval(secs => ?))
                ON CONFLICT (scope, idem_key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, state = 'IN_PROGRESS', created_at = EXCLUDED.created_at,
                        expires_at = EXCLUDED.expires_at, response_status = NULL, response_headers = NULL,
                        response_body = NULL
                    WHERE idempotency_key.expires_at < now()
                       OR (idempotency_key.state = 'IN_PROGRESS'
                           AND idempotency_key.created_at < now() - make_interval(secs => ?))
                RETURNING scope""", String.class, scope, key, fingerprint, ttl.toSeconds(),
                ABANDONED_AFTER.toSeconds()).isEmpty();
    }

    Optional<Entry> find(String scope, String key) {
        return jdbc.query("""
                SELECT fingerprint, state, response_status, response_headers, response_body FROM idempotency_key
                WHERE scope = ? AND idem_key = ? AND expires_at >= now()""",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2).equals("COMPLETED"), rs.getInt(3),
                        rs.getString(4), rs.getBytes(5)), scope, key).stream().findFirst();
    }

    void complete(String scope, String key, int status, String headers, byte[] body) {
        jdbc.update("""
                UPDATE idempotency_key SET state = 'COMPLETED', response_status = ?, response_headers = ?,
                       response_body = ?
                WHERE scope = ? AND idem_key = ?""", status, headers, body, scope, key);
    }

    /** The request failed without an answer worth keeping (a 5xx): a retry may run it again. */
    void release(String scope, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ? AND state = 'IN_PROGRESS'",
                scope, key);
    }

    @Scheduled(fixedDelayString = "${postr.idempotency.purge-interval:1h}", initialDelayString = "1m")
    void purgeExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE expires_at < now()");
    }
}
