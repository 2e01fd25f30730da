package com.postr.app.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param awaitOutcome how long placing an order waits for checkout's outcome before answering PENDING
 * @param pollAfter    the Retry-After of an answer showing a PENDING order: how soon polling it again is useful
 */
@ConfigurationProperties("postr.checkout")
public record CheckoutWaitProperties(@DefaultValue("2s") Duration awaitOutcome, @DefaultValue("1s") Duration pollAfter) {
    public CheckoutWaitProperties {
        if (awaitOutcome == null || awaitOutcome.isNegative()) {
            throw new IllegalArgumentException("postr.checkout.await-outcome must be zero or more, not " + awaitOutcome);
        }
        // Retry-After counts whole seconds
        if (pollAfter == null || pollAfter.toMillis() < 1_000 || pollAfter.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException("postr.checkout.poll-after must be whole seconds, at least 1s, not "
                    + pollAfter);
        }
    }
}
