package com.postr.api.analytics;

import java.math.BigDecimal;

/**
 * The carts created in the range, step by step (docs/analytics.md).
 *
 * @param abandonmentRate cartsAbandoned over the carts with items old enough to be judged; null when none is
 */
public record Funnel(long cartsCreated, long cartsWithItems, long checkoutsStarted, long ordersConfirmed,
                     long ordersCancelled, long cartsExpired, long cartsAbandoned, BigDecimal abandonmentRate,
                     int abandonedAfterDays) {
}
