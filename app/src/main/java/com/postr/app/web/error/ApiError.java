package com.postr.app.web.error;

import java.time.Instant;
import java.util.Map;

/** The body of every error response: {@code {"error": {"code", "message", "details", "request_id", "timestamp"}}}. */
public record ApiError(Body error) {

    public record Body(String code, String message, Map<String, Object> details, String requestId,
                       Instant timestamp) {
    }

    public static ApiError of(ErrorCode code, String message, Map<String, Object> details, String requestId) {
        return new ApiError(new Body(code.name(), message, details == null ? Map.of() : details, requestId,
                Instant.now()));
    }
}
