package com.postr.query.audit;

import com.postr.api.audit.AuditedEvent;
import com.postr.api.audit.ExportEventsQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Stream;

/**
 * Exports stored events in global order, as a stream: the storage engine reads them in batches, upcasters apply,
 * and the caller's pace (a client downloading NDJSON) sets how fast the next batch is read.
 */
@Component
class EventExports {

    private final EventStorageEngine storage;

    EventExports(EventStorageEngine storage) {
        this.storage = storage;
    }

    @QueryHandler
    Stream<AuditedEvent> handle(ExportEventsQuery query) {
        var after = query.afterPosition() == null ? null
                : GapAwareTrackingToken.newInstance(query.afterPosition(), Set.of());
        Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(after, false);
        return events.filter(event -> matches(query, event))
                .map(event -> OrderAuditTrails.entry(event.trackingToken().position().orElse(-1), event));
    }

    private static boolean matches(ExportEventsQuery query, TrackedEventMessage<?> event) {
        if (query.from() != null && event.getTimestamp().isBefore(query.from())
                || query.to() != null && !event.getTimestamp().isBefore(query.to())) {
            return false;
        }
        if (query.type() != null && !OrderAuditTrails.typeName(event).equals(query.type())) {
            return false;
        }
        if (query.aggregateId() != null && !(event instanceof DomainEventMessage<?> domain
                && domain.getAggregateIdentifier().equals(query.aggregateId()))) {
            return false;
        }
        return query.correlationId() == null || query.correlationId().equals(event.getMetaData().get("traceId"));
    }
}
