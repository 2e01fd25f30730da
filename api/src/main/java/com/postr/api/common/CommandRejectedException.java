package com.postr.api.common;

import java.util.Map;

/** Thrown by command handlers to refuse a command with a {@link RejectionCode}. */
public class CommandRejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public CommandRejectedException(RejectionCode code, String message) {
        this(code, message, Map.of());
    }

    public CommandRejectedException(RejectionCode code, String message, Map<String, Object> details) {
        super(message, null, false, false); // a business refusal, not a fault: no stack trace to collect
        this.rejection = new Rejection(code, message, details);
    }

    public Rejection rejection() {
        return rejection;
    }

    public RejectionCode code() {
        return rejection.code();
    }
}
