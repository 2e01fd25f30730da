package com.postr.app.audit;

import com.postr.app.web.json.PageJson;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The audit log for auditors and admins: every read of an event history, newest first. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who read which history, when (read-only; auditors and admins)")
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    record AuditLogEntryJson(long id, Instant at, String userId, String roles, String action, String resource,
                             String requestId) {
    }

    @GetMapping("/log")
    @Operation(summary = "The audit log, newest first; reading it is recorded in it too")
    PageJson<AuditLogEntryJson> log(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Caller.current().require(Role.ADMIN, Role.AUDITOR);
        log.recordRead("read audit log", "audit_log");
        var entries = log.page(page, limit).stream().map(e -> new AuditLogEntryJson(e.id(), e.at(), e.userId(),
                e.roles(), e.action(), e.resource(), e.requestId())).toList();
        return PageJson.of(entries, page, limit, log.size());
    }
}
