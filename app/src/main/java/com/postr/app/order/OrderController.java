package com.postr.app.order;

import com.postr.app.web.docs.WriteAnswer;
import com.postr.api.order.CancelOrderAsCustomerCommand;
import com.postr.api.order.CancelOrderCommand;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.ConfirmOrderCommand;
import com.postr.api.order.DeliverOrderCommand;
import com.postr.api.order.FetchOrderQuery;
import com.postr.api.order.FindOrdersQuery;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderPage;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PlaceOrderCommand;
import com.postr.api.order.RecordOrderRefundCommand;
import com.postr.api.order.SalesChannel;
import com.postr.api.order.ShipOrderCommand;
import com.postr.api.order.StartOrderProcessingCommand;
import com.postr.api.common.EventHistoryResponse;
import com.postr.app.idempotency.IdempotencyFilter;
import com.postr.app.idempotency.IdempotentEffects;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.EventHistory;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Orders over HTTP. Placement fixes prices from the catalog; confirmation normally comes from checkout (the
 * saga), and the confirm endpoint is the manual path for payments settled outside it (admins only). An order
 * belongs to the account that placed it: customers and partners see only their own, and anyone else's id answers
 * 404 as if it did not exist; support and admins see all (docs/security.md).
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders", description = "Placement with fixed prices, fulfilment, cancellation and refunds")
public class OrderController {

    private final Commands commands;
    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;
    private final EventHistory eventHistory;
    private final CheckoutOutcome checkoutOutcome;
    private final OrderItems items;
    private final OrderCursors cursors;
    private final DeliveryProperties delivery;
    private final OrderStatusStream statusStream;

    OrderController(Commands commands, Queries queries, ReadYourWrites readYourWrites, Clock clock,
                    EventHistory eventHistory, CheckoutOutcome checkoutOutcome, OrderItems items,
                    OrderCursors cursors, DeliveryProperties delivery,
                    OrderStatusStream statusStream) {
        this.statusStream = statusStream;
        this.delivery = delivery;
        this.items = items;
        this.cursors = cursors;
        this.checkoutOutcome = checkoutOutcome;
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
        this.eventHistory = eventHistory;
    }

    @PostMapping
    @Operation(summary = "Place an order; prices, titles and the breakdown are fixed now")
    @ApiResponse(responseCode = "201", description = "Placed. Checkout's outcome (CONFIRMED or CANCELLED with a "
            + "reason) if it settled within postr.checkout.await-outcome, else PENDING with Retry-After: poll the "
            + "Location no sooner")
    @ApiResponse(responseCode = "409", description = "PRICE_CHANGED: a line's price is no longer current; "
            + "details.current_price has the price now", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "NOT_FOR_SALE, UNSUPPORTED_DESTINATION or PROMO_CODE_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, status = "201", pendingId = "order_id")
    ResponseEntity<?> place(@Valid @RequestBody PlaceOrderRequest body, HttpServletRequest request) {
        var id = placedOrderId(request);
        var caller = Caller.current();
        // a partner's orders come through its integration; everyone else's through the shop's own front
        var channel = caller.is(Role.PARTNER) && !caller.is(Role.CUSTOMER) ? SalesChannel.PARTNER_API : SalesChannel.WEB;
        var command = new PlaceOrderCommand(id, caller.userId(), items.resolve(body.items()),
                body.shippingAddress().toShippingAddress(), body.paymentMethod().toRef(),
                body.promoCode() == null ? null : body.promoCode().strip().toUpperCase(Locale.ROOT),
                clock.instant(), body.contactEmail(), channel);
        Optional<OrderResponse> outcome;
        try {
            outcome = checkoutOutcome.afterPlacing(id, () -> commands.send(command));
        } catch (IdempotentEffects.AlreadyAppliedException e) {
            // an earlier attempt placed it and its answer was lost: answer with that order, never a second one
            return replayed(pollHinted(written(id, 0, HttpStatus.CREATED)));
        }
        // the settled order was just read: answer with it rather than read it again
        return pollHinted(outcome.<ResponseEntity<?>>map(order -> readYourWrites.answer(location(id),
                        HttpStatus.CREATED, order, OrderResponse::version, o -> OrderJson.of(o, delivery)))
                .orElseGet(() -> written(id, 0, HttpStatus.CREATED)));
    }

    /** Retry-After on an answer whose order is still being checked out (or not yet readable: 202). */
    private ResponseEntity<?> pollHinted(ResponseEntity<?> answer) {
        var order = answer.getBody() instanceof OrderJson json ? json : null;
        return checkoutOutcome.hinted(answer, answer.getStatusCode() == HttpStatus.ACCEPTED
                || order != null && order.status() == OrderStatus.PENDING, order == null ? null : order.createdAt());
    }

    /**
     * The id of the order a request places: derived from the caller's Idempotency-Key, so every retry of the
     * request names the same order (docs/adr/0013); random for a request without a key.
     */
    public static OrderId placedOrderId(HttpServletRequest request) {
        return IdempotencyFilter.scopedKey(request).map(key -> OrderId.derivedFrom(key.seed()))
                .orElseGet(OrderId::generate);
    }

    /** An answer rebuilt for a retry whose first answer was lost, marked as the filter marks its replays. */
    public static <T> ResponseEntity<T> replayed(ResponseEntity<T> answer) {
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(IdempotencyFilter.REPLAYED, "true").body(answer.getBody());
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "Fetch one order with its items, prices, shipment and timeline")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<OrderJson> get(@PathVariable String orderId) {
        var order = visible(orderId);
        return checkoutOutcome.hinted(ResponseEntity.ok().eTag(Long.toString(order.version()))
                .body(OrderJson.of(order, delivery)), order.status() == OrderStatus.PENDING, order.createdAt());
    }

    @GetMapping(path = "/{orderId}/status-stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live status of an order as server-sent events",
            description = "Events named status, each with the order's status (and the cancellation reason, or the "
                    + "carrier and tracking number): the current one first, then every change. The stream closes "
                    + "after DELIVERED or CANCELLED; comments every postr.orders.status-stream.heartbeat keep idle "
                    + "connections open. Who may watch is who may read the order.")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = String.class)))
    SseEmitter statusStream(@PathVariable String orderId) {
        var order = visible(orderId);
        return statusStream.open(order.orderId());
    }

    @GetMapping("/{orderId}/events")
    @Operation(summary = "The order's full event history, as stored, with who caused each event (for auditors)")
    EventHistoryResponse events(@PathVariable String orderId) {
        return eventHistory.of("Order", orderId);
    }

    @GetMapping
    @Operation(summary = "List orders (a customer's or partner's own; staff see all), filtered, sorted, and paged "
            + "by page number or by cursor",
            description = "Offset pages: page and limit. Cursor pages: pass the next_cursor of any page (offset or "
                    + "cursor) as cursor, with the same filters and sort; they stay correct while orders are "
                    + "placed and are as fast at any depth. A cursor is opaque and signed.")
    @ApiResponse(responseCode = "200", description = "A page of orders", content = @Content(
            schema = @Schema(implementation = OrderListJson.class)))
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR, or INVALID_CURSOR for a cursor that was "
            + "altered or belongs to other filters", content = @Content(schema = @Schema(implementation = ApiError.class)))
    OrderListJson list(
            @RequestParam(name = "customer_id", required = false) @Size(max = 64) String customerId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(name = "from_date", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate fromDate,
            @RequestParam(name = "to_date", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate toDate,
            @RequestParam(required = false) @Min(1) @Max(100_000) @Parameter(description = "one-based; default 1")
            Integer page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(min = 1, max = 300)
            @Parameter(description = "the next_cursor of the previous page; not with page") String cursor,
            @RequestParam(defaultValue = "created_at")
            @Pattern(regexp = "created_at|total|status", message = "must be created_at, total or status") String sort,
            @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc", message = "must be asc or desc")
            String order) {
        if (cursor != null && page != null) {
            throw ApiException.invalidField("cursor", "cannot be combined with page; use one style of pagination");
        }
        var from = fromDate == null ? null : dayStart("from_date", fromDate);
        var to = toDate == null ? null : dayStart("to_date", toDate).plus(Duration.ofDays(1)); // inclusive day
        var caller = Caller.current();
        var owner = caller.staff() ? customerId : caller.userId(); // the filter is staff's; others see their own
        var listing = new OrderCursors.Listing(owner, status, from, to,
                FindOrdersQuery.SortField.valueOf(sort.toUpperCase(Locale.ROOT)), order.equals("asc"));
        var after = cursor == null ? null : cursors.read(cursor, listing);
        int pageNumber = page == null ? 1 : page;
        var result = queries.ask(new FindOrdersQuery(owner, status, from, to, pageNumber - 1, limit,
                listing.sort(), listing.ascending(), after), OrderPage.class);
        var data = result.items().stream().map(OrderSummaryJson::of).toList();
        var next = result.items().isEmpty() ? null
                : cursors.issue(listing, FindOrdersQuery.Position.of(result.items().get(result.items().size() - 1)));
        return cursor == null ? OrderListJson.offset(data, pageNumber, limit, result.totalItems(), next)
                : OrderListJson.cursor(data, limit, next, result.hasMore());
    }

    /** Dates outside this range name no order and overflow an instant; docs/api.md documents it. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 30);

    private static Instant dayStart(String field, LocalDate date) {
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            throw ApiException.invalidField(field, "must be between " + EARLIEST_DATE + " and " + LATEST_DATE);
        }
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel before shipment, or record a return (reason RETURNED) after it")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> cancel(@PathVariable String orderId,
                             @Valid @RequestBody(required = false) CancelOrderRequest body) {
        var reason = body == null || body.reason() == null ? CancellationReason.CUSTOMER_REQUEST
                : CancellationReason.valueOf(body.reason().toUpperCase(Locale.ROOT));
        var caller = Caller.current();
        if (!caller.staff()) {
            // the window and the reason are the Order's rules (CancelOrderAsCustomerCommand)
            return transition(orderId, new CancelOrderAsCustomerCommand(new OrderId(orderId), caller.userId(),
                    reason, body == null ? null : body.note(), clock.instant()));
        }
        return transition(orderId, new CancelOrderCommand(new OrderId(orderId), reason,
                body == null ? null : body.note(), caller.actor()));
    }

    @PostMapping("/{orderId}/confirm")
    @Operation(summary = "Confirm a PENDING order manually (payment settled outside checkout)")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> confirm(@PathVariable String orderId) {
        return transition(orderId, new ConfirmOrderCommand(new OrderId(orderId)));
    }

    @PostMapping("/{orderId}/process")
    @Operation(summary = "Start fulfilment of a CONFIRMED order")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> process(@PathVariable String orderId) {
        return transition(orderId, new StartOrderProcessingCommand(new OrderId(orderId)));
    }

    @PostMapping("/{orderId}/ship")
    @Operation(summary = "Hand a PROCESSING order to the carrier, with its tracking number")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> ship(@PathVariable String orderId, @Valid @RequestBody ShipOrderRequest body) {
        return transition(orderId, new ShipOrderCommand(new OrderId(orderId), body.carrier(), body.trackingNumber()));
    }

    @PostMapping("/{orderId}/deliver")
    @Operation(summary = "Record delivery of a SHIPPED order")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> deliver(@PathVariable String orderId) {
        return transition(orderId, new DeliverOrderCommand(new OrderId(orderId)));
    }

    @PostMapping("/{orderId}/refunds")
    @Operation(summary = "Record money returned on a cancelled or returned order that was paid")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: no refund outstanding",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = OrderJson.class, pendingId = "order_id")
    ResponseEntity<?> refund(@PathVariable String orderId, @Valid @RequestBody RefundRequest body) {
        return transition(orderId, new RecordOrderRefundCommand(new OrderId(orderId), body.amount().toMoney(),
                body.reference()));
    }

    private ResponseEntity<?> transition(String orderId, Object command) {
        long version = commands.send(command);
        return written(new OrderId(orderId), version, HttpStatus.OK);
    }

    /** The order if the caller may see it: staff see every order, others only their own; else 404. */
    private OrderResponse visible(String orderId) {
        var caller = Caller.current();
        return fetch(orderId).filter(order -> caller.staff()
                        || caller.authenticated() && caller.userId().equals(order.customerId()))
                .orElseThrow(() -> ApiException.notFound("Order", orderId));
    }

    private Optional<OrderResponse> fetch(String orderId) {
        return queries.find(new FetchOrderQuery(new OrderId(orderId)), OrderResponse.class);
    }

    private ResponseEntity<?> written(OrderId id, long version, HttpStatus status) {
        return readYourWrites.respond(location(id), "order_id", id.value(), version,
                status, () -> fetch(id.value()), OrderResponse::version, o -> OrderJson.of(o, delivery));
    }

    private static URI location(OrderId id) {
        return URI.create("/api/v1/orders/" + id.value());
    }
}
