package com.postr.app.order;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param awaitOutcome how long placing an order waits for checkout's outcome before answering PENDING
 * @param pollAfter    the Retry-After of an answer showing a PENDING order: how soon polling it again is useful
 * @param maxLag       new checkouts are refused (503) while a new order would wait longer than this for checkout
 */
@ConfigurationProperties("postr.checkout")
public record CheckoutWaitProperties(@DefaultValue("2s") Duration awaitOutcome, @DefaultValue("1s") Duration pollAfter,
                                     @DefaultValue("10s") Duration maxLag) {
    public CheckoutWaitProperties {
        Settings.positive("postr.checkout.max-lag", maxLag);
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
