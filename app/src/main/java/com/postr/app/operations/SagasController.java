package com.postr.app.operations;

import com.postr.api.checkout.ActiveCheckout;
import com.postr.api.checkout.ActiveCheckoutPage;
import com.postr.api.checkout.EndCheckoutCommand;
import com.postr.api.checkout.FetchActiveCheckoutQuery;
import com.postr.api.checkout.FindActiveCheckoutsQuery;
import com.postr.api.order.CancelOrderCommand;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.OrderId;
import com.postr.app.audit.AuditLog;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.json.PageJson;
import com.postr.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Checkouts in progress (the checkout saga), for operators: which are old or stuck and why, and the three ways out
 * of a stuck one: retry the event it failed on, force compensation (cancel the order as OPERATOR, which releases
 * its stock and voids or refunds its payment), or end it. Each change is in the audit log before it is made.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/sagas")
@Tag(name = "Operations")
class SagasController {

    /** The checkout saga's processing group: its parked events are in dead_letter_entry under this name. */
    static final String CHECKOUT = "checkout";
    /** Older than the shop itself: a bound that keeps the cut-off a valid instant. */
    private static final Duration LONGEST_AGE = Duration.ofDays(36_500);

    private final Queries queries;
    private final Commands commands;
    private final DeadLetters letters;
    private final AuditLog log;
    private final Clock clock;

    SagasController(Queries queries, Commands commands, DeadLetters letters, AuditLog log, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.letters = letters;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param stage        where checkout stands (AWAITING_PAYMENT, AUTHORIZED, CAPTURING, VOIDING, REFUNDING, ...)
     * @param deadLetters  the events it failed on and those waiting behind them, in order; empty when not stuck
     */
    record SagaJson(String sagaId, String type, String orderId, String stage, Instant startedAt, Long ageSeconds,
                    List<ActiveCheckout.PendingDeadline> deadlines, List<DeadLetters.Letter> deadLetters) {
    }

    /** @param note why, kept with the cancellation */
    record CompensateRequest(@Size(max = 500) String note) {
    }

    @GetMapping
    @Operation(summary = "Active sagas, oldest first: stage, age, pending deadlines and parked events")
    @ApiResponse(responseCode = "200", description = "The sagas")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: older_than is not a duration",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PageJson<SagaJson> list(
            @RequestParam(name = "older_than", required = false) @Parameter(description = "only sagas started longer ago than this "
                    + "(ISO-8601 like PT1H, or 90m, 2h, 7d)", schema = @Schema(type = "string", example = "PT1H"))
            String olderThan,
            @RequestParam(name = "order_id", required = false)
            @Parameter(description = "only the checkout of this order")
            String orderId,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var before = olderThan == null ? null : clock.instant().minus(age(olderThan));
        var found = queries.ask(new FindActiveCheckoutsQuery(before, orderId, (page - 1) * limit, limit),
                ActiveCheckoutPage.class);
        return PageJson.of(found.checkouts().stream().map(this::json).toList(), page, limit, found.total());
    }

    @GetMapping("/{sagaId}")
    @Operation(summary = "One active saga")
    @ApiResponse(responseCode = "200", description = "The saga")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no active saga of that id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    SagaJson one(@PathVariable String sagaId) {
        return json(find(sagaId));
    }

    @PostMapping("/{sagaId}/retry")
    @Operation(summary = "Deliver the events the saga failed on again, in order",
            description = "Use it once the cause is fixed. A failure leaves them parked with the new error.")
    @ApiResponse(responseCode = "200", description = "Tried; the saga as it stands afterwards (404 later if it "
            + "has ended)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: nothing of this saga is parked",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    DeadLetters.Retry retry(@PathVariable String sagaId) {
        var saga = find(sagaId);
        var parked = letters.sequence(CHECKOUT, saga.orderId());
        if (parked.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "Saga '" + sagaId + "' has no parked events",
                    Map.of("id", sagaId));
        }
        log.recordChange("retry saga", sagaId);
        return letters.retry(parked.get(0).id());
    }

    @PostMapping("/{sagaId}/compensate")
    @Operation(summary = "Give up on the checkout and undo it: its parked events are evicted and the order is "
            + "cancelled with reason OPERATOR, so the saga releases the stock and voids or refunds the payment",
            description = "An order that can no longer be cancelled (already cancelled, or delivered) answers 409; "
                    + "end the saga instead.")
    @ApiResponse(responseCode = "202", description = "Compensating; follow the order and GET the saga")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: the order cannot be cancelled",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<SagaJson> compensate(@PathVariable String sagaId,
                                        @jakarta.validation.Valid @RequestBody(required = false)
                                        CompensateRequest body) {
        var saga = find(sagaId);
        log.recordChange("compensate saga", sagaId);
        var parked = letters.sequence(CHECKOUT, saga.orderId());
        var note = body == null || body.note() == null ? "checkout compensated by an operator" : body.note();
        // a refused cancellation (409) leaves everything as it was, the parked events included
        commands.send(new CancelOrderCommand(new OrderId(saga.orderId()), CancellationReason.OPERATOR, note,
                Caller.current().actor()));
        // the events it was stuck on are given up; the cancellation, parked behind them, goes to the saga now
        parked.forEach(letter -> letters.evict(letter.id()));
        letters.sequence(CHECKOUT, saga.orderId()).stream().findFirst().ifPresent(next -> letters.retry(next.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(json(saga));
    }

    @DeleteMapping("/{sagaId}")
    @Operation(summary = "End the saga without compensating: its deadlines are cancelled, its parked events "
            + "evicted, and no later event reaches it")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<Void> end(@PathVariable String sagaId) {
        var saga = find(sagaId);
        log.recordChange("end saga", sagaId);
        commands.send(new EndCheckoutCommand(sagaId));
        letters.sequence(CHECKOUT, saga.orderId()).forEach(letter -> letters.evict(letter.id()));
        return ResponseEntity.noContent().build();
    }

    private static Duration age(String text) {
        Duration age;
        try {
            age = DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("older_than", "must be a duration like PT1H, 90m, 2h or 7d");
        }
        if (age.isNegative() || age.compareTo(LONGEST_AGE) > 0) {
            throw ApiException.invalidField("older_than", "must be between 0 and " + LONGEST_AGE.toDays() + " days");
        }
        return age;
    }

    private ActiveCheckout find(String sagaId) {
        return queries.find(new FetchActiveCheckoutQuery(sagaId), ActiveCheckout.class)
                .orElseThrow(() -> ApiException.notFound("Saga", sagaId));
    }

    private SagaJson json(ActiveCheckout saga) {
        var age = saga.startedAt() == null ? null : Duration.between(saga.startedAt(), clock.instant()).toSeconds();
        return new SagaJson(saga.sagaId(), CHECKOUT, saga.orderId(), saga.stage(), saga.startedAt(), age,
                saga.deadlines(), saga.orderId() == null ? List.of() : letters.sequence(CHECKOUT, saga.orderId()));
    }
}
