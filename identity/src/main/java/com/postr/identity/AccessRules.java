package com.postr.identity;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Which role may call which endpoint: the matrix of docs/security.md, in the same order. Rules only say who may
 * knock; ownership (a customer's own carts and orders, answered 404 otherwise) is checked by the controllers.
 * The first matching rule wins, so specific paths come before their wildcards.
 */
final class AccessRules {

    private static final String CUSTOMER = Role.CUSTOMER.id();
    private static final String ADMIN = Role.ADMIN.id();
    private static final String SUPPORT = Role.SUPPORT.id();
    private static final String PARTNER = Role.PARTNER.id();
    private static final String AUDITOR = Role.AUDITOR.id();
    private static final String ANALYST = Role.ANALYST.id();

    /**
     * A write by a caller whose roles are all read-only (auditor, analyst): refused everywhere, before the rules
     * that would let anyone (a guest's cart) or any signed-in caller through.
     */
    private static final RequestMatcher READ_ONLY_WRITES = request -> {
        var method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        var caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            return false;
        }
        var authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).toList();
        return !authorities.isEmpty() && authorities.stream().allMatch(authority -> Arrays.stream(Role.values())
                .anyMatch(role -> role.readOnly() && role.authority().equals(authority)));
    };

    private AccessRules() {
    }

    /**
     * GET's rule for GET and HEAD alike: HEAD runs the GET handler, so it must never be let past a rule that
     * refuses GET (a plain {@code requestMatchers(GET, ...)} does not match HEAD).
     */
    private static RequestMatcher[] reads(String... paths) {
        var matchers = PathPatternRequestMatcher.withDefaults();
        return Arrays.stream(paths).map(path -> (RequestMatcher) new OrRequestMatcher(
                matchers.matcher(GET, path), matchers.matcher(HEAD, path))).toArray(RequestMatcher[]::new);
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules,
                      boolean publicMetrics) {
        if (publicMetrics) {
            rules.requestMatchers(reads("/actuator/prometheus")).permitAll();
        }
        rules
                // --- open to everyone ---------------------------------------------------------------------
                .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll()
                .requestMatchers("/error", "/.well-known/jwks.json").permitAll()
                .requestMatchers(reads("/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
                .requestMatchers(reads("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"))
                .permitAll()
                .requestMatchers(POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                        "/api/v1/auth/logout").permitAll()
                .requestMatchers(POST, "/api/v1/payments/stripe/webhook").permitAll() // signed by Stripe
                .requestMatchers(READ_ONLY_WRITES).denyAll()

                // --- audit: the history of orders, and who read it ------------------------------------------
                .requestMatchers(reads("/api/v1/audit/**")).hasAnyRole(ADMIN, AUDITOR)

                // --- analytics: reports for analysts ---------------------------------------------------------
                .requestMatchers(reads("/api/v1/analytics/**")).hasAnyRole(ADMIN, ANALYST)

                // --- accounts ------------------------------------------------------------------------------
                .requestMatchers(reads("/api/v1/users/me")).authenticated()
                .requestMatchers(PATCH, "/api/v1/users/me").authenticated()
                .requestMatchers(reads("/api/v1/users", "/api/v1/users/*")).hasAnyRole(ADMIN, SUPPORT)
                .requestMatchers(PATCH, "/api/v1/users/*").hasRole(ADMIN)

                // --- catalog: anyone browses, admins manage -------------------------------------------------
                .requestMatchers(reads("/api/v1/products/*/events")).hasAnyRole(ADMIN, SUPPORT, AUDITOR)
                .requestMatchers(reads("/api/v1/products", "/api/v1/products/*")).permitAll()
                .requestMatchers("/api/v1/products", "/api/v1/products/**").hasRole(ADMIN)

                // --- inventory: admins manage, support looks ------------------------------------------------
                .requestMatchers(reads("/api/v1/inventory/*")).hasAnyRole(ADMIN, SUPPORT)
                .requestMatchers("/api/v1/inventory/**").hasRole(ADMIN)

                // --- promo codes ----------------------------------------------------------------------------
                .requestMatchers(reads("/api/v1/promo-codes", "/api/v1/promo-codes/*")).hasAnyRole(ADMIN, SUPPORT)
                .requestMatchers("/api/v1/promo-codes", "/api/v1/promo-codes/**").hasRole(ADMIN)

                // --- carts: guests hold a cart token, signed-in callers own theirs --------------------------
                .requestMatchers(POST, "/api/v1/carts/*/checkout").hasAnyRole(CUSTOMER, PARTNER, ADMIN)
                .requestMatchers(POST, "/api/v1/carts/*/claim").authenticated()
                .requestMatchers(POST, "/api/v1/carts").permitAll()
                .requestMatchers(reads("/api/v1/carts/*")).permitAll()
                .requestMatchers(POST, "/api/v1/carts/*/items").permitAll()
                .requestMatchers(PATCH, "/api/v1/carts/*/items/*").permitAll()
                .requestMatchers(DELETE, "/api/v1/carts/*/items/*", "/api/v1/carts/*/items").permitAll()
                .requestMatchers(PUT, "/api/v1/carts/*/promo-code").permitAll()
                .requestMatchers(DELETE, "/api/v1/carts/*/promo-code").permitAll()

                // --- orders ---------------------------------------------------------------------------------
                .requestMatchers(POST, "/api/v1/orders").hasAnyRole(CUSTOMER, PARTNER, ADMIN)
                .requestMatchers(reads("/api/v1/orders/*/events")).hasAnyRole(ADMIN, SUPPORT, AUDITOR)
                .requestMatchers(reads("/api/v1/orders", "/api/v1/orders/*", "/api/v1/orders/*/status-stream"))
                .hasAnyRole(CUSTOMER, PARTNER, ADMIN, SUPPORT)
                .requestMatchers(POST, "/api/v1/orders/*/cancel").hasAnyRole(CUSTOMER, ADMIN, SUPPORT)
                .requestMatchers(POST, "/api/v1/orders/*/confirm").hasRole(ADMIN)
                .requestMatchers(POST, "/api/v1/orders/*/process", "/api/v1/orders/*/ship",
                        "/api/v1/orders/*/deliver", "/api/v1/orders/*/refunds").hasAnyRole(ADMIN, SUPPORT)

                // --- operations -----------------------------------------------------------------------------
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)

                // anything else under the API needs a signed-in caller (unknown paths then answer 404)
                .requestMatchers("/api/**").authenticated()
                .anyRequest().permitAll();
    }

}
