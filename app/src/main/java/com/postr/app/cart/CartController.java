package com.postr.app.cart;

import com.postr.app.web.docs.WriteAnswer;
import com.postr.api.cart.AddCartItemCommand;
import com.postr.api.cart.ApplyPromoCodeToCartCommand;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartResponse;
import com.postr.api.cart.ChangeCartItemQuantityCommand;
import com.postr.api.cart.CheckoutCartCommand;
import com.postr.api.cart.ClearCartCommand;
import com.postr.api.cart.CreateCartCommand;
import com.postr.api.cart.GuestCartToken;
import com.postr.api.cart.FetchCartQuery;
import com.postr.api.cart.RemoveCartItemCommand;
import com.postr.api.cart.RemovePromoCodeFromCartCommand;
import com.postr.api.catalog.Sku;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.app.idempotency.IdempotentEffects;
import com.postr.identity.Caller;
import com.postr.app.web.CartTokenHeader;
import com.postr.app.order.OrderController;
import com.postr.app.order.CheckoutOutcome;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Carts. Every change may carry {@code If-Match} with the version (ETag) the client last saw; a stale version
 * answers {@code 412 PRECONDITION_FAILED} instead of overwriting someone else's change. Checkout answers with the
 * order it placed.
 */
@RestController
@RequestMapping("/api/v1/carts")
@Tag(name = "Carts", description = "Shopping carts with versioned updates and checkout")
class CartController {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final Commands commands;
    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    private final CheckoutOutcome checkoutOutcome;
    private final CartAccess access;

    CartController(Commands commands, Queries queries, ReadYourWrites readYourWrites, Clock clock,
                   CheckoutOutcome checkoutOutcome, CartAccess access) {
        this.checkoutOutcome = checkoutOutcome;
        this.access = access;
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Open a cart: the signed-in caller's, or a guest cart answered with its cart token")
    @ApiResponse(responseCode = "201", description = "Created. A guest cart's token is in cart_token and the "
            + "X-Cart-Token header, this once: send it as X-Cart-Token with every call on the cart")
    @WriteAnswer(value = CartJson.class, status = "201", pendingId = "cart_id")
    ResponseEntity<?> create() {
        var caller = Caller.current();
        var id = CartId.generate();
        var token = caller.authenticated() ? null : CartAccess.newToken();
        commands.send(new CreateCartCommand(id, caller.authenticated() ? caller.userId() : null,
                token == null ? null : GuestCartToken.hash(token)));
        var response = readYourWrites.respond(URI.create("/api/v1/carts/" + id.value()), "cart_id", id.value(), 0,
                HttpStatus.CREATED, () -> fetch(id.value()), CartResponse::version,
                cart -> CartJson.of(cart).withToken(token));
        if (token == null) {
            return response;
        }
        // a pending (202) answer carries the token too: it is shown only now
        var body = response.getBody() instanceof Map<?, ?> pending ? withToken(pending, token) : response.getBody();
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(CartTokenHeader.NAME, token).body(body);
    }

    private static Map<Object, Object> withToken(Map<?, ?> pending, String token) {
        var body = new java.util.LinkedHashMap<Object, Object>(pending);
        body.put("cart_token", token);
        return body;
    }

    @PostMapping("/{cartId}/claim")
    @Operation(summary = "Attach a guest cart to the signed-in caller, proven by its X-Cart-Token")
    @ApiResponse(responseCode = "200", description = "The cart, now the caller's")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such cart, wrong token, or someone else's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> claim(@PathVariable String cartId,
                            @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return written(cartId, access.claim(cartId, cartToken, Caller.current()), HttpStatus.OK);
    }

    @GetMapping("/{cartId}")
    @Operation(summary = "The cart with its lines and subtotal; the ETag is its version")
    ResponseEntity<CartJson> get(@PathVariable String cartId,
                            @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        var cart = access.readable(cartId, Caller.current(), cartToken);
        return ResponseEntity.ok().eTag(Long.toString(cart.version())).body(CartJson.of(cart));
    }

    @PostMapping("/{cartId}/items")
    @Operation(summary = "Add units of a SKU, at its current catalog price")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match is not the current version",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "NOT_FOR_SALE",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> addItem(@PathVariable String cartId, @Valid @RequestBody CartRequests.AddItem body,
                              @Parameter(description = "the cart version last seen, e.g. \"3\"")
                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new AddCartItemCommand(new CartId(cartId), new Sku(body.sku()), body.quantity(),
                expectedVersion(ifMatch)));
    }

    @PatchMapping("/{cartId}/items/{sku}")
    @Operation(summary = "Set the quantity of a line")
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> changeQuantity(@PathVariable String cartId, @PathVariable String sku,
                                     @Valid @RequestBody CartRequests.ChangeQuantity body,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new ChangeCartItemQuantityCommand(new CartId(cartId), new Sku(sku), body.quantity(),
                expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{cartId}/items/{sku}")
    @Operation(summary = "Remove a line")
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> removeItem(@PathVariable String cartId, @PathVariable String sku,
                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new RemoveCartItemCommand(new CartId(cartId), new Sku(sku), expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{cartId}/items")
    @Operation(summary = "Empty the cart (lines and promo code)")
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> clear(@PathVariable String cartId,
                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new ClearCartCommand(new CartId(cartId), expectedVersion(ifMatch)));
    }

    @PutMapping("/{cartId}/promo-code")
    @Operation(summary = "Put a promo code on the cart; its minimum order value is checked at checkout")
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> applyPromoCode(@PathVariable String cartId, @Valid @RequestBody CartRequests.ApplyPromoCode body,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new ApplyPromoCodeToCartCommand(new CartId(cartId),
                body.code().strip().toUpperCase(Locale.ROOT), clock.instant(), expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{cartId}/promo-code")
    @Operation(summary = "Take the promo code off the cart")
    @WriteAnswer(value = CartJson.class, pendingId = "cart_id")
    ResponseEntity<?> removePromoCode(@PathVariable String cartId,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken) {
        return change(cartId, cartToken,
                new RemovePromoCodeFromCartCommand(new CartId(cartId), expectedVersion(ifMatch)));
    }

    @PostMapping("/{cartId}/checkout")
    @Operation(summary = "Freeze the cart and place its order; answers with the order")
    @ApiResponse(responseCode = "201", description = "The order's id and status (CONFIRMED or CANCELLED if "
            + "checkout settled within postr.checkout.await-outcome, else PENDING, with Retry-After); Location "
            + "points at it")
    @ApiResponse(responseCode = "422", description = "NOT_FOR_SALE, UNSUPPORTED_DESTINATION, PROMO_CODE_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = CheckedOutJson.class, status = "201")
    ResponseEntity<?> checkout(@PathVariable String cartId, @Valid @RequestBody CartRequests.Checkout body,
                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                               @RequestHeader(name = CartTokenHeader.NAME, required = false) String cartToken,
                               HttpServletRequest request) {
        // one command: the Cart checks the buyer owns it (or claims it with the guest token) and freezes it,
        // the order is placed with it; then one wait for checkout's outcome
        var orderId = OrderController.placedOrderId(request);
        var command = new CheckoutCartCommand(new CartId(cartId), orderId,
                body.shippingAddress().toShippingAddress(), body.paymentMethod().toRef(), clock.instant(),
                expectedVersion(ifMatch), body.contactEmail(), Caller.current().userId(), cartToken);
        Optional<OrderResponse> outcome;
        try {
            outcome = checkoutOutcome.afterPlacing(orderId, () -> commands.send(command));
        } catch (IdempotentEffects.AlreadyAppliedException e) {
            // an earlier attempt checked out and its answer was lost: answer with that order
            return OrderController.replayed(checkedOut(cartId, orderId, checkoutOutcome.await(orderId)));
        }
        return checkedOut(cartId, orderId, outcome);
    }

    /**
     * The order is shown by the orders resource; this answer points there, echoes its id and, if checkout settled
     * within postr.checkout.await-outcome, its outcome.
     */
    private ResponseEntity<CheckedOutJson> checkedOut(String cartId, OrderId orderId, Optional<OrderResponse> outcome) {
        var status = outcome.map(OrderResponse::status).orElse(OrderStatus.PENDING);
        return checkoutOutcome.hinted(ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/orders/" + orderId.value()))
                .body(new CheckedOutJson(orderId.value(), cartId, status)), status == OrderStatus.PENDING,
                outcome.map(OrderResponse::createdAt).orElse(null));
    }

    private ResponseEntity<?> change(String cartId, String cartToken, Object command) {
        access.writable(cartId, Caller.current(), cartToken);
        long version = commands.send(command);
        return written(cartId, version, HttpStatus.OK);
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var matcher = VERSION.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "If-Match must be a cart version such as \"3\"",
                    Map.of("if_match", ifMatch));
        }
        return Long.parseLong(matcher.group(1));
    }

    private Optional<CartResponse> fetch(String cartId) {
        return queries.find(new FetchCartQuery(new CartId(cartId)), CartResponse.class);
    }

    private ResponseEntity<?> written(String cartId, long version, HttpStatus status) {
        return readYourWrites.respond(URI.create("/api/v1/carts/" + cartId), "cart_id", cartId, version, status,
                () -> fetch(cartId), CartResponse::version, CartJson::of);
    }
}
