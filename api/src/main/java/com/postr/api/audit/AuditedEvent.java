package com.postr.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors read it.
 *
 * @param globalPosition the event's position in the whole store
 * @param revision       the payload's revision (null for a first version)
 * @param metadata       what was stored beside it: who caused it, the request, the correlation
 */
public record AuditedEvent(long globalPosition, String type, String revision, Instant timestamp, String aggregateType,
                           String aggregateId, long sequence, Object payload, Map<String, Object> metadata) {
}
