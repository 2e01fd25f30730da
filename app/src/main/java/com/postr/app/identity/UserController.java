package com.postr.app.identity;

import com.postr.identity.Role;
import com.postr.identity.Caller;
import com.postr.identity.Account;
import com.postr.identity.AccountAdministration;
import com.postr.identity.Accounts;

import com.postr.app.web.json.PageJson;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts: everyone's own profile; admins see and change all (roles, plan, status); support sees a limited view
 * to find a customer. Disabling an account or changing its roles revokes its refresh tokens; access tokens
 * already issued run out within the hour.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Profiles and, for staff, account administration")
class UserController {

    private final Accounts accounts;
    private final AccountAdministration administration;

    UserController(Accounts accounts, AccountAdministration administration) {
        this.accounts = accounts;
        this.administration = administration;
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in caller's account")
    UserJson me() {
        var caller = Caller.current();
        return accounts.find(caller.userId()).map(UserJson::of)
                // an external issuer's user has no local account: show what the token says
                .orElseGet(() -> new UserJson(caller.userId(), caller.email(), null,
                        caller.roles().stream().map(Role::id).sorted().toList(), caller.plan(), Account.ACTIVE,
                        null, null, null));
    }

    @PatchMapping("/me")
    @Operation(summary = "Update the caller's profile")
    UserJson updateMe(@Valid @RequestBody AuthRequests.UpdateProfile body) {
        var caller = Caller.current();
        var account = accounts.find(caller.userId())
                .orElseThrow(() -> ApiException.notFound("User", caller.userId()));
        // absent means unchanged; an empty name clears it
        return UserJson.of(body.displayName() == null ? account
                : accounts.update(caller.userId(), body.displayName(), null, null, null));
    }

    @GetMapping
    @Operation(summary = "List accounts, newest first (admin: full; support: limited view)")
    @ApiResponse(responseCode = "200", description = "A page of accounts")
    PageJson<?> list(@RequestParam(required = false) @Size(max = 254) String email,
                     @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT);
        var filter = email == null || email.isBlank() ? null : email.strip();
        var found = accounts.list(filter, page - 1, limit);
        var full = Caller.current().is(Role.ADMIN);
        return PageJson.of(found.stream().map(a -> full ? (Object) UserJson.of(a) : UserJson.Limited.of(a)).toList(),
                page, limit, accounts.count(filter));
    }

    @GetMapping("/{userId}")
    @Operation(summary = "One account (admin: full; support: limited view)")
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(oneOf = {UserJson.class, UserJson.Limited.class})))
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Object get(@PathVariable String userId) {
        Caller.current().require(Role.ADMIN, Role.SUPPORT);
        var account = accounts.find(userId).orElseThrow(() -> ApiException.notFound("User", userId));
        return Caller.current().is(Role.ADMIN) ? UserJson.of(account) : UserJson.Limited.of(account);
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change an account's roles, plan, status or name (admins)")
    @ApiResponse(responseCode = "200", description = "The account as changed")
    @ApiResponse(responseCode = "409", description = "CONFLICT: admins cannot demote or disable themselves",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    UserJson update(@PathVariable String userId, @Valid @RequestBody AuthRequests.UpdateUser body) {
        var caller = Caller.current().require(Role.ADMIN);
        // plans, statuses and who may demote whom are identity's rules (AccountAdministration)
        return UserJson.of(administration.change(caller, userId, body.displayName(),
                body.roles() == null ? null : parseRoles(body), body.plan(), body.status()));
    }

    private static Set<Role> parseRoles(AuthRequests.UpdateUser body) {
        var roles = EnumSet.noneOf(Role.class);
        for (var name : body.roles()) {
            roles.add(Role.parse(name).orElseThrow(() -> invalid("roles",
                    "'" + name + "' is not one of " + EnumSet.allOf(Role.class).stream().map(Role::id)
                            .collect(Collectors.joining(", ")))));
        }
        return roles;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalidField(field, message);
    }
}
