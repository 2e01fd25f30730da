package com.postr.identity.ratelimit;

import com.postr.identity.Refusals;

import com.postr.identity.Caller;
import com.postr.identity.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * Rate limits on the API. Runs after Spring Security (order -100), so a signed-in caller is limited by user id
 * and tier (partner, premium or authenticated) and a guest by client IP. Behind a proxy, set
 * {@code server.forward-headers-strategy} so the client's address, not the proxy's, is used. If the database
 * cannot answer, the request passes: limits protect the shop, they must not take it down.
 */
@Component
@Order(-50)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final Refusals errors;

    RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, Refusals errors) {
        this.limiter = limiter;
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !request.getRequestURI().startsWith("/api/")
                // Stripe's deliveries all come from a few addresses and must never be refused
                || request.getRequestURI().startsWith("/api/v1/payments/stripe/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var caller = Caller.current();
        var key = caller.authenticated() ? "user:" + caller.userId() : "ip:" + request.getRemoteAddr();
        RateLimiter.Decision decision;
        try {
            decision = limiter.take(key, tierOf(caller));
        } catch (DataAccessException e) {
            log.warn("Rate limit not checked for {}: {}", key, e.getMessage());
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetAt().getEpochSecond()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = decision.retryAfter().toSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        var details = new LinkedHashMap<String, Object>();
        details.put("limit", decision.limit());
        details.put("remaining", 0);
        details.put("reset_at", decision.resetAt().toString());
        details.put("retry_after_seconds", seconds);
        errors.write(request, response, "RATE_LIMIT_EXCEEDED",
                "Rate limit exceeded. Try again in " + seconds + " second" + (seconds == 1 ? "" : "s") + ".", details);
    }

    private RateLimitProperties.Tier tierOf(Caller caller) {
        if (!caller.authenticated()) {
            return properties.anonymous();
        }
        if (caller.is(Role.PARTNER)) {
            return properties.partner();
        }
        return "premium".equals(caller.plan()) ? properties.premium() : properties.authenticated();
    }
}
