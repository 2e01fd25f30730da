package com.postr.api.checkout;

import java.time.Instant;

/**
 * Active checkouts whose order was placed before {@code startedBefore}, of one order when {@code orderId} is
 * given (either may be null), oldest first.
 */
public record FindActiveCheckoutsQuery(Instant startedBefore, String orderId, int offset, int limit) {
}
