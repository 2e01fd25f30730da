package com.postr.app.identity;

import com.postr.identity.Caller;
import com.postr.identity.Accounts;
import com.postr.identity.IdentityProperties;
import com.postr.identity.Tokens;
import com.postr.identity.GuestCarts;

import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * Registration, login, refresh and logout. With an external OpenID Connect issuer configured these answer 404:
 * accounts and tokens are then the issuer's business.
 */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth", description = "Accounts and tokens: register, log in, refresh, log out")
@SecurityRequirements // no bearer token needed here
class AuthController {

    private final Accounts accounts;
    private final Tokens tokens;
    private final GuestCarts carts;
    private final IdentityProperties properties;

    AuthController(Accounts accounts, Tokens tokens, GuestCarts carts, IdentityProperties properties) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.carts = carts;
        this.properties = properties;
    }

    @PostMapping("/register")
    @Operation(summary = "Create a customer account (then log in)")
    @ApiResponse(responseCode = "201", description = "The account")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: not an email, or a weak password",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "EMAIL_ALREADY_REGISTERED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<UserJson> register(@Valid @RequestBody AuthRequests.Register body) {
        requireLocalAccounts();
        var account = accounts.register(body.email(), body.password(), body.displayName());
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(UserJson.of(account));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access token (1 h) and a refresh token (30 d); "
            + "a guest cart given with its token is attached to the account")
    @ApiResponse(responseCode = "200", description = "Tokens and the account")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: wrong email or password, or a disabled account",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TokenJson login(@Valid @RequestBody AuthRequests.Login body) {
        requireLocalAccounts();
        var account = accounts.authenticate(body.email(), body.password());
        if (body.cartId() != null) { // first, so a wrong cart token fails the login rather than pass silently
            carts.claim(body.cartId(), body.cartToken(), Caller.of(account));
        }
        return TokenJson.of(tokens.issue(account));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the old refresh token is used up")
    @ApiResponse(responseCode = "200", description = "New tokens")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: unknown, expired, revoked or already used "
            + "(reuse revokes every token of that login)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TokenJson refresh(@Valid @RequestBody AuthRequests.Refresh body) {
        requireLocalAccounts();
        return TokenJson.of(tokens.refresh(body.refreshToken()));
    }

    @PostMapping("/logout")
    @Operation(summary = "Revoke the refresh token and every token rotated from the same login")
    @ApiResponse(responseCode = "204", description = "Revoked (also for unknown tokens: nothing to do)")
    ResponseEntity<Void> logout(@Valid @RequestBody AuthRequests.Refresh body) {
        requireLocalAccounts();
        tokens.revoke(body.refreshToken());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private void requireLocalAccounts() {
        if (properties.oidc().enabled()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Accounts are managed by the identity provider "
                    + properties.oidc().issuer(), Map.of());
        }
    }
}
