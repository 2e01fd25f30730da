package com.postr.app.promo;

import com.postr.app.web.docs.WriteAnswer;
import com.postr.api.promo.DeactivatePromoCodeCommand;
import com.postr.api.promo.DefinePromoCodeCommand;
import com.postr.api.promo.FetchPromoCodeQuery;
import com.postr.api.promo.FindPromoCodesQuery;
import com.postr.api.promo.PromoCodePage;
import com.postr.api.promo.PromoCodeResponse;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import com.postr.app.web.gateway.Commands;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Promo codes. Codes are case-insensitive for customers and stored in upper case. */
@RestController
@RequestMapping("/api/v1/promo-codes")
@Tag(name = "Promo codes", description = "Discounts with a validity window, a minimum order value and a usage limit")
class PromoCodeController {

    private final Commands commands;
    private final Queries queries;
    private final ReadYourWrites readYourWrites;

    PromoCodeController(Commands commands, Queries queries, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping
    @Operation(summary = "Define a promo code")
    @ApiResponse(responseCode = "201", description = "Defined")
    @ApiResponse(responseCode = "409", description = "CONFLICT: the code exists already",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @WriteAnswer(value = PromoCodeJson.class, status = "201", pendingId = "code")
    ResponseEntity<?> define(@Valid @RequestBody DefinePromoCodeRequest body) {
        var code = body.code().toUpperCase(Locale.ROOT);
        commands.send(new DefinePromoCodeCommand(code, body.type(), body.percentOff(),
                body.amountOff() == null ? null : body.amountOff().toMoney(),
                body.minimumOrderValue() == null ? null : body.minimumOrderValue().toMoney(),
                body.validFrom(), body.validUntil(), body.usageLimit()));
        return written(code, 0, HttpStatus.CREATED);
    }

    @GetMapping("/{code}")
    @Operation(summary = "A promo code with how often it was used")
    PromoCodeJson get(@PathVariable String code) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT);
        return fetch(code.toUpperCase(Locale.ROOT)).map(PromoCodeJson::of)
                .orElseThrow(() -> ApiException.notFound("Promo code", code));
    }

    @GetMapping
    @Operation(summary = "List promo codes, newest first")
    PageJson<PromoCodeJson> list(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT);
        var result = queries.ask(new FindPromoCodesQuery(page - 1, limit), PromoCodePage.class);
        return PageJson.of(result.items().stream().map(PromoCodeJson::of).toList(), page, limit, result.totalItems());
    }

    @PostMapping("/{code}/deactivate")
    @Operation(summary = "Stop a promo code from applying to new orders; repeating it changes nothing")
    @WriteAnswer(value = PromoCodeJson.class, pendingId = "code")
    ResponseEntity<?> deactivate(@PathVariable String code) {
        var normalized = code.toUpperCase(Locale.ROOT);
        long version = commands.send(new DeactivatePromoCodeCommand(normalized));
        return written(normalized, version, HttpStatus.OK);
    }

    private Optional<PromoCodeResponse> fetch(String code) {
        return queries.find(new FetchPromoCodeQuery(code), PromoCodeResponse.class);
    }

    private ResponseEntity<?> written(String code, long version, HttpStatus status) {
        return readYourWrites.respond(URI.create("/api/v1/promo-codes/" + code), "code", code, version, status,
                () -> fetch(code), PromoCodeResponse::version, PromoCodeJson::of);
    }
}
