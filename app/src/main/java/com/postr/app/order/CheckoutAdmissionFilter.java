package com.postr.app.order;

import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses new checkouts while {@link CheckoutAdmission} says checkout is too far behind. It runs after
 * authentication and rate limits, and before the idempotency key is claimed: a refusal costs no write, and a
 * retry with the same key is a first attempt.
 */
@Component
@Order(-10)
class CheckoutAdmissionFilter extends OncePerRequestFilter {

    private static final Pattern CHECKOUTS = Pattern.compile("/api/v1/(orders|carts/[^/]+/checkout)/?");

    private final CheckoutAdmission admission;
    private final ErrorResponses errors;

    CheckoutAdmissionFilter(CheckoutAdmission admission, ErrorResponses errors) {
        this.admission = admission;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !CHECKOUTS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var refusal = admission.refusal();
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = refusal.get().toSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        errors.write(request, response, ErrorCode.SERVICE_UNAVAILABLE, "Checkout is busy: no order was placed. Try"
                + " again in " + seconds + " second" + (seconds == 1 ? "" : "s") + ".",
                Map.of("retry_after_seconds", seconds));
    }
}
