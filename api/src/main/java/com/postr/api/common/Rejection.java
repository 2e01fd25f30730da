package com.postr.api.common;

import java.util.Map;

/**
 * Why a command was refused, in a form that survives distribution: Axon carries it as the details of a
 * {@code CommandExecutionException}, locally and through Axon Server alike.
 */
public record Rejection(RejectionCode code, String message, Map<String, Object> details) {

    public Rejection {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
