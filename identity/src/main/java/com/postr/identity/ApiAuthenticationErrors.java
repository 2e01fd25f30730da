package com.postr.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.Map;

/**
 * Spring Security's refusals in the API's one error format: 401 {@code UNAUTHORIZED} for a missing, malformed,
 * forged or expired token (with the {@code WWW-Authenticate} challenge of RFC 6750), 403 {@code FORBIDDEN} for a
 * role that may not call the endpoint. The reason a token failed is not echoed: it would help forgers.
 */
class ApiAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Refusals errors;

    ApiAuthenticationErrors(Refusals errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        boolean badToken = exception instanceof InvalidBearerTokenException
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        errors.write(request, response, "UNAUTHORIZED", badToken
                        ? "The access token is invalid or expired; sign in or refresh it"
                        : "This endpoint needs a bearer access token (POST /api/v1/auth/login)",
                Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        errors.write(request, response, "FORBIDDEN", "Your role may not call this endpoint "
                + "(docs/security.md)", Map.of("roles", Caller.current().rolesText()));
    }
}
