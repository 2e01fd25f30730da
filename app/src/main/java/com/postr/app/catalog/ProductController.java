package com.postr.app.catalog;

import com.postr.app.web.docs.WriteAnswer;
import com.postr.api.catalog.AddProductVariantCommand;
import com.postr.api.catalog.ChangeProductDetailsCommand;
import com.postr.api.catalog.ChangeVariantPriceCommand;
import com.postr.api.catalog.DiscontinueProductCommand;
import com.postr.api.catalog.FetchProductQuery;
import com.postr.api.catalog.FindProductsQuery;
import com.postr.api.catalog.ProductDetails;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductPage;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductStatus;
import com.postr.api.catalog.RegisterProductCommand;
import com.postr.api.catalog.Sku;
import com.postr.api.common.EventHistoryResponse;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.EventHistory;
import com.postr.app.web.json.PageJson;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/**
 * The product catalog over HTTP. Every write answers with the product as the next read will show it (the
 * request waits, bounded, for the catalog projection); see docs/api.md, "Reading your own writes".
 */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "Poster products and their variants")
class ProductController {

    private static final String BASE = "/api/v1/products/";

    private final Commands commands;
    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final EventHistory eventHistory;

    ProductController(Commands commands, Queries queries, ReadYourWrites readYourWrites, EventHistory eventHistory) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.eventHistory = eventHistory;
    }

    @PostMapping
    @Operation(summary = "Register a poster product with its variants")
    @ApiResponse(responseCode = "201", description = "Created; body is the product as reads will show it")
    @ApiResponse(responseCode = "202", description = "Stored, but the catalog had not caught up within the wait",
            content = @Content(schema = @Schema(implementation = PendingWriteJson.class)))
    @ApiResponse(responseCode = "409", description = "DUPLICATE_SKU: a SKU is used by another product",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = ProductJson.class, status = "201", pendingId = "product_id")
    ResponseEntity<?> register(@Valid @RequestBody RegisterProductRequest body) {
        var id = ProductId.generate();
        commands.send(new RegisterProductCommand(id,
                new ProductDetails(body.title().strip(), body.artist().strip(), body.description(),
                        body.category().strip(), body.tags(), body.colors()),
                body.variants().stream().map(VariantRequest::toVariant).toList()));
        return written(id, 0L, HttpStatus.CREATED);
    }

    @GetMapping("/{productId}")
    @Operation(summary = "Fetch one product")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ProductJson> get(@PathVariable String productId) {
        var product = fetch(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
        return ResponseEntity.ok().eTag(Long.toString(product.version())).body(ProductJson.of(product));
    }

    @GetMapping("/{productId}/events")
    @Operation(summary = "The product's full event history, as stored (for auditors)")
    EventHistoryResponse events(@PathVariable String productId) {
        return eventHistory.of("Product", productId);
    }

    @GetMapping
    @Operation(summary = "List products, newest first, one page at a time")
    PageJson<ProductJson> list(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                               @RequestParam(required = false) ProductStatus status,
                               @RequestParam(required = false) @Size(max = 100) String category,
                               @RequestParam(required = false) @Size(max = 200) String artist) {
        var result = queries.ask(new FindProductsQuery(page - 1, limit, status, category, artist), ProductPage.class);
        return PageJson.of(result.items().stream().map(ProductJson::of).toList(), page, limit, result.totalItems());
    }

    @PatchMapping("/{productId}")
    @Operation(summary = "Change some details of a product; absent fields stay unchanged")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "PRODUCT_DISCONTINUED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = ProductJson.class, pendingId = "product_id")
    ResponseEntity<?> change(@PathVariable String productId, @Valid @RequestBody ChangeProductRequest body) {
        var id = new ProductId(productId);
        long version = commands.send(new ChangeProductDetailsCommand(id, strip(body.title()), strip(body.artist()),
                body.description(), strip(body.category()), body.tags(), body.colors()));
        return written(id, version, HttpStatus.OK);
    }

    @PostMapping("/{productId}/variants")
    @Operation(summary = "Add a variant (size, frame, paper) to a product")
    @ApiResponse(responseCode = "201", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "409", description = "DUPLICATE_SKU",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "PRODUCT_DISCONTINUED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = ProductJson.class, status = "201", pendingId = "product_id")
    ResponseEntity<?> addVariant(@PathVariable String productId, @Valid @RequestBody VariantRequest body) {
        var id = new ProductId(productId);
        long version = commands.send(new AddProductVariantCommand(id, body.toVariant()));
        return written(id, version, HttpStatus.CREATED);
    }

    @PatchMapping("/{productId}/variants/{sku}")
    @Operation(summary = "Change the price of one variant")
    @ApiResponse(responseCode = "200", description = "Done; the body is the resource as reads will show it")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such product or variant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = ProductJson.class, pendingId = "product_id")
    ResponseEntity<?> changePrice(@PathVariable String productId, @PathVariable String sku,
                                  @Valid @RequestBody ChangePriceRequest body) {
        var id = new ProductId(productId);
        long version = commands.send(new ChangeVariantPriceCommand(id, new Sku(sku), body.price().toMoney()));
        return written(id, version, HttpStatus.OK);
    }

    @PostMapping("/{productId}/discontinue")
    @Operation(summary = "Discontinue a product; repeating it changes nothing")
    @WriteAnswer(value = ProductJson.class, pendingId = "product_id")
    ResponseEntity<?> discontinue(@PathVariable String productId,
                                  @Valid @RequestBody(required = false) DiscontinueRequest body) {
        var id = new ProductId(productId);
        long version = commands.send(new DiscontinueProductCommand(id, body == null ? null : body.reason()));
        return written(id, version, HttpStatus.OK);
    }

    private Optional<ProductResponse> fetch(String productId) {
        return queries.find(new FetchProductQuery(new ProductId(productId)), ProductResponse.class);
    }

    private ResponseEntity<?> written(ProductId id, long version, HttpStatus status) {
        return readYourWrites.respond(URI.create(BASE + id.value()), "product_id", id.value(), version, status,
                () -> fetch(id.value()), ProductResponse::version, ProductJson::of);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
