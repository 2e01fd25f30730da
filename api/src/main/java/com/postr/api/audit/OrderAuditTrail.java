package com.postr.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An order's events across every stream that names it, in global order (the order they were stored in). */
public record OrderAuditTrail(String orderId, List<Event> events) {

    /**
     * @param globalPosition the event's position in the whole store
     * @param revision       the payload's revision (null for a first version)
     * @param metadata       what was stored beside it: who caused it, the request, the correlation
     */
    public record Event(long globalPosition, String type, String revision, Instant timestamp, String aggregateType,
                        String aggregateId, long sequence, Object payload, Map<String, Object> metadata) {
    }
}
