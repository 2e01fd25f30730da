package com.postr.app.operations;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How parked events are retried without an operator.
 *
 * @param maxAttempts     failed deliveries before a letter waits for an operator (parked)
 * @param firstRetryAfter the wait after the first failure; it doubles after each further one
 * @param maxRetryAfter   the longest wait between two automatic retries
 * @param retryInterval   how often this node looks for letters that are due
 */
@ConfigurationProperties("postr.dead-letters")
public record DeadLetterProperties(@DefaultValue("5") int maxAttempts,
                                   @DefaultValue("30s") Duration firstRetryAfter,
                                   @DefaultValue("1h") Duration maxRetryAfter,
                                   @DefaultValue("5s") Duration retryInterval) {
    public DeadLetterProperties {
        Settings.positive("postr.dead-letters.max-attempts", maxAttempts);
        Settings.positive("postr.dead-letters.first-retry-after", firstRetryAfter);
        Settings.positive("postr.dead-letters.max-retry-after", maxRetryAfter);
        Settings.positive("postr.dead-letters.retry-interval", retryInterval);
    }

    /** The wait before the next automatic retry of a letter that has failed {@code attempts} times. */
    Duration retryAfter(int attempts) {
        var wait = firstRetryAfter;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }
}
