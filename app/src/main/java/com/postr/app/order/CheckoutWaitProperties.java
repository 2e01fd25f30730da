package com.postr.app.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param awaitOutcome how long placing an order waits for checkout's outcome before answering PENDING */
@ConfigurationProperties("postr.checkout")
public record CheckoutWaitProperties(@DefaultValue("2s") Duration awaitOutcome) {
    public CheckoutWaitProperties {
        if (awaitOutcome == null || awaitOutcome.isNegative()) {
            throw new IllegalArgumentException("postr.checkout.await-outcome must be zero or more, not " + awaitOutcome);
        }
    }
}
