package com.postr.app.web.error;

import java.util.List;
import java.util.Map;

/** Raised by the HTTP edge itself (for example an unknown id on a read) to answer with a documented error. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** 400 VALIDATION_ERROR naming one field, in the shape bean validation errors have. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, field + " " + message,
                Map.of("fields", List.of(Map.of("field", field, "message", message))));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " '" + id + "' not found", Map.of("id", id));
    }
}
