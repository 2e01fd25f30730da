package com.postr.identity;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;


import java.util.Arrays;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who sent the current request: a signed-in user (from the verified access token) or an anonymous guest.
 *
 * @param userId the token's subject; null for a guest
 * @param plan   the rate-limit plan ({@code standard} or {@code premium})
 */
public record Caller(String userId, String email, Set<Role> roles, String plan) {

    public static final String ANONYMOUS = "anonymous";

    public static Caller current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return new Caller(null, null, Set.of(), "standard");
        }
        var jwt = token.getToken();
        var roles = token.getAuthorities().stream().map(a -> a.getAuthority().substring("ROLE_".length()))
                .map(Role::parse).flatMap(java.util.Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        var plan = jwt.getClaimAsString("plan");
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("email"), roles,
                plan == null ? "standard" : plan);
    }

    /** The account as a caller, before it has a token (login attaching a guest cart). */
    public static Caller of(Account account) {
        return new Caller(account.userId(), account.email(), account.roles(), account.plan());
    }

    public boolean authenticated() {
        return userId != null;
    }

    public boolean is(Role... any) {
        return Arrays.stream(any).anyMatch(roles::contains);
    }

    /**
     * The handler's own check, behind the path rules of AccessRules: whatever route or method reached it (HEAD
     * included), a caller without one of these roles is refused as the path rule would refuse them.
     */
    public Caller require(Role... any) {
        if (!is(any)) {
            throw authenticated()
                    ? new IdentityException(IdentityException.Reason.FORBIDDEN, "Your role may not call this endpoint (docs/security.md)",
                    Map.of("roles", rolesText()))
                    : new IdentityException(IdentityException.Reason.UNAUTHORIZED, "This endpoint needs a bearer access token "
                    + "(POST /api/v1/auth/login)", Map.of());
        }
        return this;
    }

    /** Staff see and act on every customer's carts and orders (within their role's rules). */
    public boolean staff() {
        return is(Role.ADMIN, Role.SUPPORT);
    }

    /** How events and command metadata name this caller: the user id, or "anonymous". */
    public String actor() {
        return authenticated() ? userId : ANONYMOUS;
    }

    /** The roles as one metadata value, e.g. "admin,customer"; empty for a guest. */
    public String rolesText() {
        return roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }
}
