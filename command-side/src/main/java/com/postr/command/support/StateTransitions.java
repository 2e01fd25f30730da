package com.postr.command.support;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;

import java.util.LinkedHashMap;
import java.util.Locale;

/** The one shape of "not from this state" refusals, so every state machine answers clients alike. */
public final class StateTransitions {

    private StateTransitions() {
    }

    /**
     * @param resource what the client calls it ({@code Order}); its id goes in the details as {@code order_id}
     * @param to       the state asked for, or null when the current state accepts no change at all
     * @param why      an explanation to append, or null
     */
    public static CommandRejectedException refused(String resource, String id, Enum<?> from, Enum<?> to, String why) {
        var details = new LinkedHashMap<String, Object>();
        details.put(resource.toLowerCase(Locale.ROOT) + "_id", id);
        details.put("from", from.name());
        var message = resource + " " + id + (to == null ? " is " + from + " and accepts no changes"
                : " cannot go from " + from + " to " + to);
        if (to != null) {
            details.put("to", to.name());
        }
        return new CommandRejectedException(RejectionCode.INVALID_STATE_TRANSITION,
                why == null ? message : message + ": " + why, details);
    }
}
