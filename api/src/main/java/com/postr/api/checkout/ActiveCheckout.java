package com.postr.api.checkout;

import java.time.Instant;
import java.util.List;

/**
 * A checkout that has not ended.
 *
 * @param stage     where it stands ({@code PLACED} before its first step has settled)
 * @param startedAt when its order was placed
 */
public record ActiveCheckout(String sagaId, String orderId, String stage, Instant startedAt,
                             List<PendingDeadline> deadlines) {

    public record PendingDeadline(String name, String id, Instant dueAt) {
    }
}
