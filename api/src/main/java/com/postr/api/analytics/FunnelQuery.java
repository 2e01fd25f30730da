package com.postr.api.analytics;

/**
 * Answers a {@link Funnel} of the carts created in the range.
 *
 * @param abandonedAfterDays a cart with items not checked out this many days after it was created counts as
 *                           abandoned
 */
public record FunnelQuery(DateRange range, int abandonedAfterDays) {
}
