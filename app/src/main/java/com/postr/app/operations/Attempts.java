package com.postr.app.operations;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;

/**
 * How many times a dead letter has failed, kept in its diagnostics. Every failure parks (or keeps) the letter with
 * one more attempt counted; {@link DeadLetters} retries it later, with back-off, until the limit.
 */
final class Attempts {

    static final String KEY = "attempts";

    private Attempts() {
    }

    static int of(DeadLetter<?> letter) {
        return letter.diagnostics().get(KEY) instanceof Number attempts ? attempts.intValue() : 0;
    }

    /** Axon's enqueue policy for every dead-letter queue here: always keep the letter, one more attempt counted. */
    static EnqueueDecision<EventMessage<?>> failed(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.requeue(cause, failed -> failed.diagnostics().and(KEY, of(failed) + 1));
    }
}
