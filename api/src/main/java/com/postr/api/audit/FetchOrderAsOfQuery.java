package com.postr.api.audit;

import java.time.Instant;

/**
 * An order as it was: its events (and its payment's) replayed up to a moment or a global position, through the
 * same rules as the order history; with neither, up to now. None (404) before the order was placed.
 */
public record FetchOrderAsOfQuery(String orderId, Instant asOf, Long asOfPosition) {
}
