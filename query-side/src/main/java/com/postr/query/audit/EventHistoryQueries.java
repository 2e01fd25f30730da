package com.postr.query.audit;

import com.postr.api.common.EventHistoryResponse;
import com.postr.api.common.FetchEventHistoryQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Optional;

/**
 * Answers event-history queries from the event store itself, not from a projection: auditors get exactly what
 * was stored, with its metadata, never a derived view.
 */
@Component
class EventHistoryQueries {

    static final int MAX_EVENTS = 10_000;

    private final EventStore events;

    EventHistoryQueries(EventStore events) {
        this.events = events;
    }

    @QueryHandler
    Optional<EventHistoryResponse> handle(FetchEventHistoryQuery query) {
        var entries = events.readEvents(query.aggregateId()).asStream().limit(MAX_EVENTS)
                .map(EventHistoryQueries::entry).toList();
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(new EventHistoryResponse(query.aggregateId(), entries));
    }

    private static EventHistoryResponse.Entry entry(DomainEventMessage<?> message) {
        return new EventHistoryResponse.Entry(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                message.getTimestamp(), message.getPayload(), new HashMap<>(message.getMetaData()));
    }
}
