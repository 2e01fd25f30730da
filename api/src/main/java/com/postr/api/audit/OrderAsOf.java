package com.postr.api.audit;

import com.postr.api.order.OrderResponse;

import java.time.Instant;

/** The replayed order, and the last event that went into it. */
public record OrderAsOf(OrderResponse order, String lastEventType, long lastEventPosition, Instant lastEventAt) {
}
