package com.postr.app.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command whose append lost a race on the event store's unique key (two nodes writing one aggregate),
 * and nothing else. Axon's own schedulers retry everything not marked non-transient, which would repeat
 * business refusals; and their predicate also sees the SQL exception under a conflict.
 */
class ConcurrencyConflictRetryScheduler implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyConflictRetryScheduler.class);

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseDelayMillis;
    private final long maxDelayMillis;

    ConcurrencyConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseDelayMillis,
                                      long maxDelayMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        int attempt = failures.size();
        if (!isConcurrencyConflict(lastFailure) || attempt > maxRetries) {
            return false;
        }
        // capped exponential back-off with full jitter, so two nodes do not collide again in lockstep
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(attempt - 1, 20));
        long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
        log.debug("Retrying {} after a concurrency conflict (attempt {}) in {} ms",
                commandMessage.getPayloadType().getSimpleName(), attempt, delay);
        executor.schedule(dispatchTask, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    /** A conflict on an existing aggregate; a clash on creation means the id is taken, which retrying won't fix. */
    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
