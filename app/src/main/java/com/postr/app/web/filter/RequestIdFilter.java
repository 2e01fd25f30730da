package com.postr.app.web.filter;

import com.postr.app.config.PerThreadRandom;
import com.postr.app.web.filter.RequestIdFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id}, put in error bodies and in the logging context. A
 * caller's own well-formed id is kept so one id follows a request across services.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    /** The request's id; one is made for a request refused before this filter ran (by the container). */
    public static String requestId(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        var id = generate();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var incoming = request.getHeader(HEADER);
        var id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : generate();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put("request_id", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("request_id");
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true; // keep the id assigned on the original dispatch
    }

    private static String generate() {
        var bytes = new byte[12];
        PerThreadRandom.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
