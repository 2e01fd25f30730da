package com.postr.app.idempotency;

import com.postr.command.spi.NodeLease;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.OptionalLong;

/**
 * Idempotency keys in PostgreSQL, so a retry reaching another node, or arriving after a restart, still finds
 * the first request. Claiming a key is one atomic statement: of two concurrent requests exactly one claims it.
 * A claim held by a node that died (its {@link NodeLease} went stale) or that failed with a 5xx may be taken
 * over by a retry of the same request; what the first attempt had already applied is then found in
 * {@code idempotency_effect} (IdempotentEffects), so taking over never applies anything twice.
 */
@Component
class IdempotencyStore {

    /** A claim on a live node older than this is taken to be hung; a retry may take it over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final NodeLease node;

    IdempotencyStore(JdbcTemplate jdbc, IdempotencyProperties properties, NodeLease node) {
        this.jdbc = jdbc;
        this.ttl = properties.ttl();
        this.node = node;
    }

    /** What a key holds for a caller. */
    record Entry(String fingerprint, boolean completed, int status, String headers, byte[] body) {
    }

    /**
     * The key's generation if this request now owns the key: it is new or expired; or the same request's earlier
     * attempt failed (5xx), or runs on a node that is gone, or has hung. Empty if another request holds it.
     */
    OptionalLong claim(String scope, String key, String fingerprint) {
        return jdbc.queryForList("""
                INSERT INTO idempotency_key (scope, idem_key, fingerprint, state, created_at, expires_at, owner_node,
                                             generation)
                VALUES (?, ?, ?, 'IN_PROGRESS', now(), now() + make_interval(secs => ?), ?,
                        (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
                ON CONFLICT (scope, idem_key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, state = 'IN_PROGRESS', created_at = EXCLUDED.created_at,
                        expires_at = EXCLUDED.expires_at, owner_node = EXCLUDED.owner_node, response_status = NULL,
                        response_headers = NULL, response_body = NULL,
                        generation = CASE WHEN idempotency_key.expires_at < now() THEN EXCLUDED.generation
                                          ELSE idempotency_key.generation END
                    WHERE idempotency_key.expires_at < now()
                       OR (idempotency_key.fingerprint = EXCLUDED.fingerprint
                           AND (idempotency_key.state = 'RETRYABLE'
                                OR (idempotency_key.state = 'IN_PROGRESS'
                                    AND (idempotency_key.created_at < now() - make_interval(secs => ?)
                                         OR %s))))
                RETURNING generation""".formatted(NodeLease.deadOwner("idempotency_key.owner_node")), Long.class,
                scope, key, fingerprint, ttl.toSeconds(), node.nodeId(), ABANDONED_AFTER.toSeconds())
                .stream().mapToLong(Long::longValue).findFirst();
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

    /**
     * The request failed without an answer worth keeping (a 5xx): the same request may run again; the key stays
     * bound to it, so a different request with the key is still refused.
     */
    void release(String scope, String key) {
        jdbc.update("UPDATE idempotency_key SET state = 'RETRYABLE' WHERE scope = ? AND idem_key = ? "
                + "AND state = 'IN_PROGRESS'", scope, key);
    }

    /** Claims whose release failed (the database was away), released as soon as it is back. */
    private final Queue<String[]> unreleased = new ConcurrentLinkedQueue<>();

    /** Releases the claim now, or as soon as the database answers again: a retry must not wait for minutes. */
    void releaseSoon(String scope, String key) {
        try {
            release(scope, key);
        } catch (RuntimeException e) {
            unreleased.add(new String[] {scope, key});
        }
    }

    @Scheduled(fixedDelay = 1_000)
    void retryReleases() {
        String[] claim;
        while ((claim = unreleased.peek()) != null) {
            try {
                release(claim[0], claim[1]);
                unreleased.remove();
            } catch (RuntimeException stillAway) {
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${postr.idempotency.purge-interval:1h}", initialDelayString = "1m")
    void purgeExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE expires_at < now()");
        // effects outlive their key by a margin, so a key reused after expiry still meets its old effects
        jdbc.update("DELETE FROM idempotency_effect WHERE created_at < now() - make_interval(secs => ?)",
                ttl.plusHours(1).toSeconds());
    }
}
