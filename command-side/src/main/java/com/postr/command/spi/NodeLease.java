package com.postr.command.spi;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * This JVM's lease in PostgreSQL: a row it renews every {@link #HEARTBEAT}. Work a node has claimed (an
 * Idempotency-Key in progress, a payment call to make) names the node, and any other node may take the work over
 * once that node's lease is {@link #STALE_AFTER} old, so a SIGKILLed node blocks nothing for longer than that.
 * Every claim is safe to repeat (derived ids, effect markers, the provider's idempotency keys), so a node that
 * was only slow, not dead, does no harm either.
 */
public class NodeLease {

    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final JdbcTemplate jdbc;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    /** Made by the app for every node, whatever its roles: the HTTP edge claims work too. */
    public NodeLease(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * SQL that is true when the node named by {@code column} has no live lease: it stopped, or died and has not
     * renewed for {@link #STALE_AFTER}.
     */
    public static String deadOwner(String column) {
        return "NOT EXISTS (SELECT 1 FROM node_lease WHERE node_lease.node_id = " + column
                + " AND node_lease.heartbeat_at > now() - make_interval(secs => " + STALE_AFTER.toSeconds() + "))";
    }

    @PostConstruct
    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    void renew() {
        try {
            jdbc.update("""
                    INSERT INTO node_lease (node_id, started_at, heartbeat_at) VALUES (?, now(), now())
                    ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()""", nodeId);
            // leases of nodes long gone are of no further use
            jdbc.update("DELETE FROM node_lease WHERE heartbeat_at < now() - interval '1 day'");
        } catch (RuntimeException e) {
            log.debug("Could not renew node lease {} (database away?): {}", nodeId, e.toString());
        }
    }

    /** A clean stop hands this node's claims over at once. */
    @PreDestroy
    void release() {
        try {
            jdbc.update("DELETE FROM node_lease WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not release node lease {}: {}", nodeId, e.toString());
        }
    }
}
