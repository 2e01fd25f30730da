package com.postr.saga.checkout;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of checkout.
 *
 * @param paymentTimeout how long checkout waits for a payment outcome before voiding and cancelling; shorter than
 *                       the reservation TTL, so stock is never released under an order still waiting to be paid
 * @param reservationTtl how long a reservation made at placement holds stock
 * @param capture        when the authorized amount is taken
 */
public record CheckoutPolicy(Duration paymentTimeout, Duration reservationTtl, Capture capture) {

    public enum Capture {
        /** Take the money when the goods leave (the default: nothing is charged for what never ships). */
        ON_SHIPMENT,
        /** Take the money as soon as the order is confirmed. */
        ON_CONFIRMATION
    }

    public CheckoutPolicy {
        Objects.requireNonNull(capture, "capture");
        if (paymentTimeout.isNegative() || paymentTimeout.isZero() || paymentTimeout.compareTo(reservationTtl) >= 0) {
            throw new IllegalArgumentException("postr.checkout.payment-timeout (" + paymentTimeout
                    + ") must be positive and shorter than postr.inventory.reservation-ttl (" + reservationTtl
                    + "), or reservations would expire under orders still waiting for payment");
        }
    }
}
