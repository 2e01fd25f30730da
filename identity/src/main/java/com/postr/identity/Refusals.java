package com.postr.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * How identity's filters answer a refusal (no token, a role that may not call, a rate limit): in the edge's one
 * error format, which the edge provides. {@code code} is one of the edge's error codes.
 */
public interface Refusals {

    void write(HttpServletRequest request, HttpServletResponse response, String code, String message,
               Map<String, Object> details) throws IOException;
}
