package com.postr.app.audit;

import com.postr.app.web.filter.RequestIdFilter;
import com.postr.identity.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.util.List;

/** The append-only record of audit reads (V2026.12.01.7): who read what, when, under which request. */
@Component
public class AuditLog {

    public record Entry(long id, Instant at, String userId, String roles, String action, String resource,
                        String requestId) {
    }

    /** {@code audit_log.resource}'s length. */
    private static final int RESOURCE_LENGTH = 300;

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an operator's change (a processor stopped, reset) before it is made. */
    public void recordChange(String action, String resource) {
        recordRead(action, resource);
    }

    /** Records a read before its answer leaves, so no audited answer goes unrecorded. */
    public void recordRead(String action, String resource) {
        var caller = Caller.current();
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        // a resource named by the caller (a path value) may be longer than the column: its head is enough
        var named = resource != null && resource.length() > RESOURCE_LENGTH ? resource.substring(0, RESOURCE_LENGTH)
                : resource;
        jdbc.update("INSERT INTO audit_log (user_id, roles, action, resource, request_id) VALUES (?, ?, ?, ?, ?)",
                caller.actor(), caller.rolesText(), action, named, RequestIdFilter.requestId(request));
    }

    /** Newest first. */
    List<Entry> page(int page, int limit) {
        return jdbc.query("SELECT id, at, user_id, roles, action, resource, request_id FROM audit_log "
                        + "ORDER BY id DESC OFFSET ? LIMIT ?",
                (row, i) -> new Entry(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7)),
                (long) (page - 1) * limit, limit);
    }

    long size() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
    }
}
