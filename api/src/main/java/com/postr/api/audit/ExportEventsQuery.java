package com.postr.api.audit;

import java.time.Instant;

/**
 * A streaming query: every stored event after {@code afterPosition} (all when null), in global order, that
 * passes the filters that are set. Answered lazily, so an export of any size never sits in memory.
 *
 * @param from inclusive; @param to exclusive
 */
public record ExportEventsQuery(Instant from, Instant to, String type, String aggregateId, String correlationId,
                                Long afterPosition) {
}
