package com.postr.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.api.audit.FetchOrderAuditTrailQuery;
import com.postr.api.audit.OrderAuditTrail;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.json.PageJson;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
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
import java.util.List;
import java.util.Map;

import static com.postr.app.config.AuditMetadataConfiguration.REQUEST_ID;
import static com.postr.app.config.AuditMetadataConfiguration.USER_ID;
import static com.postr.app.config.AuditMetadataConfiguration.USER_ROLES;

/** What auditors read: an order's whole trail across streams, and the log of who read what. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who read which history, when (read-only; auditors and admins)")
class AuditController {

    private final AuditLog log;
    private final Queries queries;
    private final PersonalData personalData;
    private final AuditProperties properties;

    AuditController(AuditLog log, Queries queries, PersonalData personalData, AuditProperties properties) {
        this.log = log;
        this.queries = queries;
        this.personalData = personalData;
        this.properties = properties;
    }

    /**
     * One event of an order's trail.
     *
     * @param correlationId the id of the request's first message, shared by everything it led to (Axon's traceId)
     * @param causationId   the id of the message that caused this one (Axon's correlationId)
     */
    record AuditedEventJson(long globalPosition, String type, String revision, Instant timestamp, String aggregateType,
                            String aggregateId, long sequence, JsonNode payload, String userId, String userRoles,
                            String requestId, String correlationId, String causationId) {
    }

    record OrderTrailJson(String orderId, List<AuditedEventJson> events) {
    }

    @GetMapping("/orders/{orderId}/events")
    @Operation(summary = "Every stored event that concerns the order, in global order: its own stream, its "
            + "payment's, the stock reservations, commits and releases for it, the cart's checkout; who caused "
            + "each, under which request, correlation and causation")
    @ApiResponse(responseCode = "200", description = "The trail")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such order",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    OrderTrailJson orderEvents(@PathVariable String orderId) {
        var caller = Caller.current().require(Role.ADMIN, Role.AUDITOR);
        var trail = queries.find(new FetchOrderAuditTrailQuery(orderId), OrderAuditTrail.class)
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
        log.recordRead("read order audit trail", orderId);
        var mask = !caller.staff() && !properties.showPersonalData();
        return new OrderTrailJson(trail.orderId(), trail.events().stream().map(e -> new AuditedEventJson(
                e.globalPosition(), e.type(), e.revision(), e.timestamp(), e.aggregateType(), e.aggregateId(),
                e.sequence(), personalData.forAudit(e.payload(), mask), text(e.metadata(), USER_ID),
                text(e.metadata(), USER_ROLES), text(e.metadata(), REQUEST_ID), text(e.metadata(), "traceId"),
                text(e.metadata(), "correlationId"))).toList());
    }

    private static String text(Map<String, Object> metadata, String key) {
        var value = metadata.get(key);
        return value == null ? null : value.toString();
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
