package com.postr.app.inventory;

import com.postr.app.web.docs.WriteAnswer;
import com.postr.api.catalog.Sku;
import com.postr.api.inventory.AdjustStockCommand;
import com.postr.api.inventory.CommitStockCommand;
import com.postr.api.inventory.FetchStockLevelQuery;
import com.postr.api.inventory.ReceiveStockCommand;
import com.postr.api.inventory.ReleaseStockCommand;
import com.postr.api.inventory.ReserveStockCommand;
import com.postr.api.inventory.StockLevelResponse;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import com.postr.command.spi.InventoryProperties;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Stock per SKU. Writes answer with the stock level as reads will show it (docs/api.md). */
@RestController
@RequestMapping("/api/v1/inventory/{sku}")
@Tag(name = "Inventory", description = "Stock levels, receipts, corrections and reservations per SKU")
class InventoryController {

    private final Commands commands;
    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final InventoryProperties properties;
    private final Clock clock;

    InventoryController(Commands commands, Queries queries, ReadYourWrites readYourWrites,
                        InventoryProperties properties, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Stock level of a SKU: on hand, reserved, available")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no stock was ever recorded for the SKU",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    StockLevelJson get(@PathVariable String sku) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT);
        return fetch(sku).map(StockLevelJson::of)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No stock recorded for SKU '" + sku + "'", Map.of("sku", sku)));
    }

    @PostMapping("/receipts")
    @Operation(summary = "Record goods received; the first receipt opens the SKU's stock")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no product sells the SKU",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = StockLevelJson.class, pendingId = "sku")
    ResponseEntity<?> receive(@PathVariable String sku, @Valid @RequestBody ReceiveStockRequest body) {
        long version = commands.send(new ReceiveStockCommand(new Sku(sku), body.quantity(), body.reference()));
        return written(sku, version, HttpStatus.OK, StockLevelJson::of);
    }

    @PostMapping("/adjustments")
    @Operation(summary = "Correct on-hand stock after a count, damage or loss")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "422", description = "STOCK_BELOW_RESERVED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = StockLevelJson.class, pendingId = "sku")
    ResponseEntity<?> adjust(@PathVariable String sku, @Valid @RequestBody AdjustStockRequest body) {
        long version = commands.send(new AdjustStockCommand(new Sku(sku), body.quantityChange(), body.reason(),
                body.note()));
        return written(sku, version, HttpStatus.OK, StockLevelJson::of);
    }

    @PostMapping("/reservations")
    @Operation(summary = "Reserve units for an order until they expire; the same request again changes nothing")
    @ApiResponse(responseCode = "201", description = "Reserved")
    @ApiResponse(responseCode = "409", description = "RESERVATION_CONFLICT: the order holds a different quantity",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "INSUFFICIENT_INVENTORY, with sku, requested and available",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = ReservationJson.class, status = "201", pendingId = "sku")
    ResponseEntity<?> reserve(@PathVariable String sku, @Valid @RequestBody ReserveStockRequest body) {
        var ttl = body.ttlSeconds() == null ? properties.reservationTtl() : Duration.ofSeconds(body.ttlSeconds());
        var expiresAt = clock.instant().plus(ttl);
        long version = commands.send(new ReserveStockCommand(new Sku(sku), body.orderId(), body.quantity(),
                expiresAt));
        return written(sku, version, HttpStatus.CREATED, level -> new ReservationJson(sku, body.orderId(),
                body.quantity(), expiresAt, StockLevelJson.of(level)));
    }

    @DeleteMapping("/reservations/{orderId}")
    @Operation(summary = "Release an order's reservation; releasing what is not reserved changes nothing")
    @WriteAnswer(value = StockLevelJson.class, pendingId = "sku")
    ResponseEntity<?> release(@PathVariable String sku, @PathVariable String orderId,
                              @RequestParam(required = false) @Size(max = 200) String reason) {
        long version = commands.send(new ReleaseStockCommand(new Sku(sku), orderId, reason));
        return written(sku, version, HttpStatus.OK, StockLevelJson::of);
    }

    @PostMapping("/reservations/{orderId}/commit")
    @Operation(summary = "Commit an order's reservation: its units leave on-hand stock")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "RESERVATION_NOT_ACTIVE: never made, released or expired",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = StockLevelJson.class, pendingId = "sku")
    ResponseEntity<?> commit(@PathVariable String sku, @PathVariable String orderId) {
        long version = commands.send(new CommitStockCommand(new Sku(sku), orderId));
        return written(sku, version, HttpStatus.OK, StockLevelJson::of);
    }

    private Optional<StockLevelResponse> fetch(String sku) {
        return queries.find(new FetchStockLevelQuery(new Sku(sku)), StockLevelResponse.class);
    }

    private ResponseEntity<?> written(String sku, long version, HttpStatus status,
                                      Function<StockLevelResponse, Object> body) {
        return readYourWrites.respond(URI.create("/api/v1/inventory/" + sku), "sku", sku, version, status,
                () -> fetch(sku), StockLevelResponse::version, body);
    }
}
