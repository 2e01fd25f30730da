package com.postr.identity;

import java.util.List;
import java.util.Map;

/**
 * A refusal of identity's: who the caller is, or what an account may be. The HTTP edge turns each reason into
 * the status and error code of the same name in its one error format.
 */
public class IdentityException extends RuntimeException {

    /** Named as the edge's error codes are. */
    public enum Reason { VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, EMAIL_ALREADY_REGISTERED }

    private final Reason reason;
    private final transient Map<String, Object> details;

    public IdentityException(Reason reason, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.reason = reason;
        this.details = details;
    }

    public IdentityException(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    public Reason reason() {
        return reason;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** One field is wrong, in the shape validation errors have. */
    public static IdentityException invalidField(String field, String message) {
        return new IdentityException(Reason.VALIDATION_ERROR, field + " " + message,
                Map.of("fields", List.of(Map.of("field", field, "message", message))));
    }

    public static IdentityException notFound(String what, String id) {
        return new IdentityException(Reason.NOT_FOUND, what + " '" + id + "' not found", Map.of("id", id));
    }
}
