package com.postr.app.web.filter;

import com.postr.app.web.filter.RequestSanityFilter;
import com.postr.app.web.filter.ControlCharacters;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses, before anything parses or stores them, the inputs no endpoint can use: control characters in the
 * path, a query parameter or a header; a flood of query parameters; and a body that is not plainly
 * {@code application/json} (wildcards, {@code json-patch+json}, stray parameters). Bodies themselves are checked
 * field by field when Jackson reads them (WebConfiguration), so the error can name the field.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
public class RequestSanityFilter extends OncePerRequestFilter {

    /** More than any endpoint takes; Tomcat's own limit would answer in its own format. */
    static final int MAX_QUERY_PARAMETERS = 64;
    private static final Pattern JSON = Pattern.compile(
            "application/json\\s*(;\\s*charset\\s*=\\s*(\"utf-8\"|utf-8)\\s*)?", Pattern.CASE_INSENSITIVE);

    private final ErrorResponses errors;

    RequestSanityFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ControlCharacters.present(request.getServletPath()) || ControlCharacters.present(request.getPathInfo())) {
            refuse(request, response, "path", ControlCharacters.MESSAGE);
            return;
        }
        for (var name : Collections.list(request.getHeaderNames())) {
            for (var value : Collections.list(request.getHeaders(name))) {
                if (ControlCharacters.present(value)) {
                    errors.write(request, response, ErrorCode.VALIDATION_ERROR, "Header " + name + " "
                            + ControlCharacters.MESSAGE, Map.of("header", name));
                    return;
                }
            }
        }
        var contentType = request.getContentType();
        if (contentType != null && !JSON.matcher(contentType.strip()).matches()) {
            errors.write(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type " + contentType
                    + " is not supported; send application/json", Map.of("supported", List.of("application/json")));
            return;
        }
        var query = request.getQueryString();
        if (query != null && query.chars().filter(c -> c == '&').count() >= MAX_QUERY_PARAMETERS) {
            errors.write(request, response, ErrorCode.INVALID_REQUEST, "Too many query parameters (at most "
                    + MAX_QUERY_PARAMETERS + ")", Map.of("max_parameters", MAX_QUERY_PARAMETERS));
            return;
        }
        // with the content type settled as JSON, this parses the query string only, never a form body
        for (var parameter : request.getParameterMap().entrySet()) {
            if (ControlCharacters.present(parameter.getKey())) {
                refuse(request, response, "query", "parameter names " + ControlCharacters.MESSAGE);
                return;
            }
            for (var value : parameter.getValue()) {
                if (ControlCharacters.present(value)) {
                    refuse(request, response, parameter.getKey(), ControlCharacters.MESSAGE);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String field, String message)
            throws IOException {
        var refusal = ApiException.invalidField(field, message);
        errors.write(request, response, refusal.code(), refusal.getMessage(), refusal.details());
    }
}
