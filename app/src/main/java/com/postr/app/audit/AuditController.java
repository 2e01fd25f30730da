package com.postr.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.postr.api.audit.AuditedEvent;
import com.postr.api.audit.ExportEventsQuery;
import com.postr.api.audit.FetchOrderAsOfQuery;
import com.postr.api.audit.OrderAsOf;
import com.postr.api.order.FetchOrderQuery;
import com.postr.api.order.FetchOrderSummaryQuery;
import com.postr.api.order.OrderSummary;
import com.postr.app.order.OrderSummaryJson;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderResponse;
import com.postr.app.order.DeliveryProperties;
import com.postr.app.order.OrderJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import reactor.core.publisher.Flux;
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

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final ObjectMapper httpMapper;
    private final DeliveryProperties delivery;
    private final ExportLimits exportLimits;

    AuditController(AuditLog log, Queries queries, PersonalData personalData, AuditProperties properties,
                    ObjectMapper httpMapper, DeliveryProperties delivery, ExportLimits exportLimits) {
        this.exportLimits = exportLimits;
        this.httpMapper = httpMapper;
        this.delivery = delivery;
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
        return new OrderTrailJson(trail.orderId(), trail.events().stream().map(e -> json(e, mask)).toList());
    }

    private AuditedEventJson json(AuditedEvent e, boolean mask) {
        return new AuditedEventJson(e.globalPosition(), e.type(), e.revision(), e.timestamp(), e.aggregateType(),
                e.aggregateId(), e.sequence(), personalData.forAudit(e.payload(), mask), text(e.metadata(), USER_ID),
                text(e.metadata(), USER_ROLES), text(e.metadata(), REQUEST_ID), text(e.metadata(), "traceId"),
                text(e.metadata(), "correlationId"));
    }

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @GetMapping(path = "/events", produces = "application/x-ndjson")
    @Operation(summary = "Export stored events as NDJSON, one per line in global order, streamed; the last line "
            + "is {\"last_position\": N}: pass it as after_position to resume",
            description = "Filters: from (inclusive) and to (exclusive) instants, type (e.g. OrderPlacedEvent), "
                    + "aggregate_id, correlation_id. Disconnecting cancels the export. A caller runs one export at a "
                    + "time (postr.audit.export.max-per-caller), a node a few, each at a paced rate; more get 429.")
    @ApiResponse(responseCode = "200", description = "The events, then the last position", content = @Content(
            mediaType = "application/x-ndjson", schema = @Schema(implementation = String.class)))
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9]+") String type,
            @RequestParam(name = "aggregate_id", required = false) @Size(max = 255) String aggregateId,
            @RequestParam(name = "correlation_id", required = false) @Size(max = 100) String correlationId,
            @RequestParam(name = "after_position", required = false) @Min(-1) Long afterPosition) {
        var caller = Caller.current().require(Role.ADMIN, Role.AUDITOR);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalidField("to", "must be after from");
        }
        var mask = !caller.staff() && !properties.showPersonalData();
        log.recordRead("export events", "after=" + afterPosition + " type=" + type + " aggregate=" + aggregateId
                + " correlation=" + correlationId + " from=" + from + " to=" + to);
        var events = queries.stream(new ExportEventsQuery(from, to, type, aggregateId, correlationId, afterPosition),
                AuditedEvent.class);
        var slot = exportLimits.acquire(caller.userId());
        StreamingResponseBody body = out -> {
            long last = afterPosition == null ? -1 : afterPosition;
            var outcome = ExportLimits.Outcome.FAILED;
            // a small prefetch: the engine reads the next batch only as lines are written. A client that goes away
            // fails the next write; closing the stream then cancels the query and its reads.
            try (var stream = Flux.from(events).toStream(EXPORT_PREFETCH)) {
                for (var iterator = stream.iterator(); iterator.hasNext(); ) {
                    var event = iterator.next();
                    out.write(httpMapper.writeValueAsBytes(json(event, mask)));
                    out.write('\n');
                    last = event.globalPosition();
                    slot.paced();
                }
                out.write(httpMapper.writeValueAsBytes(Map.of("last_position", last)));
                out.write('\n');
                out.flush();
                outcome = ExportLimits.Outcome.COMPLETED;
            } catch (IOException clientGone) {
                outcome = ExportLimits.Outcome.CANCELLED;
                throw clientGone;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw new IOException("Export interrupted", stopping);
            } finally {
                slot.end(outcome);
            }
        };
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    private static final int EXPORT_PREFETCH = 256;

    @GetMapping("/orders/{orderId}")
    @Operation(summary = "The order as it was at a moment (ISO instant) or a global position, replayed from its "
            + "events through the order history's rules; without as_of, as it is now",
            description = "The order view's shape, plus as_of and last_event (type, global_position, timestamp).")
    @ApiResponse(responseCode = "200", description = "The order as of then")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such order, or not placed yet at that moment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    JsonNode orderAsOf(@PathVariable String orderId,
                       @RequestParam(name = "as_of", required = false) @Size(max = 40)
                       @Parameter(description = "2026-12-01T10:30:00Z, or a global position such as 4711")
                       String asOf) {
        var caller = Caller.current().require(Role.ADMIN, Role.AUDITOR);
        Instant instant = null;
        Long position = null;
        if (asOf != null) {
            if (asOf.matches("[0-9]{1,18}")) {
                position = Long.parseLong(asOf);
            } else {
                try {
                    instant = Instant.parse(asOf);
                } catch (DateTimeParseException e) {
                    throw ApiException.invalidField("as_of", "must be an ISO-8601 instant (2026-12-01T10:30:00Z) "
                            + "or a global position (a whole number)");
                }
            }
        }
        var replayed = replay(orderId, instant, position);
        log.recordRead("read order as of", orderId + (asOf == null ? "" : "@" + asOf));
        var json = (ObjectNode) httpMapper.valueToTree(OrderJson.of(replayed.order(), delivery));
        if (!caller.staff() && !properties.showPersonalData()) {
            personalData.maskIn(json);
        }
        json.put("as_of", asOf);
        var last = json.putObject("last_event");
        last.put("type", replayed.lastEventType());
        last.put("global_position", replayed.lastEventPosition());
        last.put("timestamp", replayed.lastEventAt().toString());
        return json;
    }

    record DifferenceJson(String field, JsonNode replayed, JsonNode readModel) {
    }

    record VerificationJson(String orderId, boolean matches, long replayedThrough, List<DifferenceJson> differences) {
    }

    @GetMapping("/orders/{orderId}/verify")
    @Operation(summary = "Replays the order's events and compares the result with the order-history read model, "
            + "field by field: a difference is a projection bug, or a row changed behind the events' back")
    @ApiResponse(responseCode = "200", description = "matches, and every field that differs")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    VerificationJson verify(@PathVariable String orderId) {
        var caller = Caller.current().require(Role.ADMIN, Role.AUDITOR);
        var replayed = replay(orderId, null, null);
        var stored = queries.find(new FetchOrderQuery(new OrderId(orderId)), OrderResponse.class);
        log.recordRead("verify order read model", orderId);
        var differences = new ArrayList<DifferenceJson>();
        var expected = httpMapper.valueToTree(OrderJson.of(replayed.order(), delivery));
        if (stored.isEmpty()) {
            differences.add(new DifferenceJson("$", expected, NullNode.getInstance()));
        } else {
            compare("", expected, httpMapper.valueToTree(OrderJson.of(stored.get(), delivery)), differences);
        }
        // lists read columns of their own (items_count, the total); those are checked under "list."
        var listed = queries.find(new FetchOrderSummaryQuery(new OrderId(orderId)), OrderSummary.class);
        if (listed.isPresent()) {
            compare("list", httpMapper.valueToTree(OrderSummaryJson.of(OrderSummary.of(replayed.order()))),
                    httpMapper.valueToTree(OrderSummaryJson.of(listed.get())), differences);
        }
        if (!caller.staff() && !properties.showPersonalData()) {
            // compared in full, reported masked: an auditor learns that the city drifted, not what it is
            differences.replaceAll(d -> PersonalData.isPersonal(d.field()) ? new DifferenceJson(d.field(),
                    TextNode.valueOf(PersonalData.MASK), TextNode.valueOf(PersonalData.MASK)) : d);
        }
        return new VerificationJson(orderId, differences.isEmpty(), replayed.lastEventPosition(), differences);
    }

    private OrderAsOf replay(String orderId, Instant asOf, Long position) {
        return queries.find(new FetchOrderAsOfQuery(orderId, asOf, position), OrderAsOf.class)
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
    }

    /**
     * Field by field. Instants are compared to the microsecond: the read model keeps its times in PostgreSQL,
     * which stores no finer.
     */
    private static void compare(String path, JsonNode replayed, JsonNode stored, List<DifferenceJson> found) {
        if (replayed.isObject() && stored.isObject()) {
            var fields = new java.util.TreeSet<String>();
            replayed.fieldNames().forEachRemaining(fields::add);
            stored.fieldNames().forEachRemaining(fields::add);
            for (var field : fields) {
                compare(path.isEmpty() ? field : path + "." + field, replayed.path(field), stored.path(field), found);
            }
        } else if (replayed.isArray() && stored.isArray() && replayed.size() == stored.size()) {
            for (int i = 0; i < replayed.size(); i++) {
                compare(path + "[" + i + "]", replayed.get(i), stored.get(i), found);
            }
        } else if (!same(replayed, stored)) {
            found.add(new DifferenceJson(path, replayed, stored));
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            try {
                return Instant.parse(a.asText()).truncatedTo(ChronoUnit.MICROS)
                        .equals(Instant.parse(b.asText()).truncatedTo(ChronoUnit.MICROS));
            } catch (DateTimeParseException notInstants) {
                return false;
            }
        }
        return false;
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
