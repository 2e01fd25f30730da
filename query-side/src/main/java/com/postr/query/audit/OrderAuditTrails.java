package com.postr.query.audit;

import com.postr.api.audit.AuditedEvent;
import com.postr.api.audit.FetchOrderAuditTrailQuery;
import com.postr.api.audit.OrderAuditTrail;
import com.postr.api.payment.PaymentId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.UnknownSerializedType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An order's audit trail, from the event store itself: the order's stream, its payment's stream, and the events
 * of other streams that name it (OrderAuditIndex). Events are read through the event store, so upcasters apply
 * and old events show in their current shape; the global position comes from domain_event_entry.
 */
@Component
class OrderAuditTrails {

    private final EventStore events;
    private final JdbcTemplate jdbc;

    OrderAuditTrails(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    private record Located(String aggregateId, long sequence) {
    }

    @QueryHandler
    Optional<OrderAuditTrail> handle(FetchOrderAuditTrailQuery query) {
        var orderId = query.orderId();
        var paymentId = PaymentId.forOrder(orderId).value();
        // where each event is: (aggregate, sequence) → global position
        var positions = new HashMap<Located, Long>();
        for (var stored : StoredPositions.of(jdbc, orderId, paymentId)) {
            positions.put(new Located(stored.aggregateId(), stored.sequence()), stored.globalPosition());
        }
        if (positions.keySet().stream().noneMatch(l -> l.aggregateId().equals(orderId))) {
            return Optional.empty();
        }
        jdbc.query("SELECT aggregate_identifier, sequence_number, global_index FROM audit_order_event "
                + "WHERE order_id = ?", row -> {
            positions.put(new Located(row.getString(1), row.getLong(2)), row.getLong(3));
        }, orderId);

        // per aggregate, the sequences to show; each stream is read once, from its first one
        var wanted = new LinkedHashMap<String, TreeMap<Long, Long>>();
        positions.forEach((located, global) -> wanted.computeIfAbsent(located.aggregateId(), a -> new TreeMap<>())
                .put(located.sequence(), global));
        var trail = new ArrayList<AuditedEvent>();
        wanted.forEach((aggregateId, sequences) -> {
            var stream = events.readEvents(aggregateId, sequences.firstKey());
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                if (event.getSequenceNumber() > sequences.lastKey()) {
                    break;
                }
                var global = sequences.get(event.getSequenceNumber());
                if (global != null) {
                    trail.add(entry(global, event));
                }
            }
        });
        trail.sort(Comparator.comparingLong(AuditedEvent::globalPosition));
        return Optional.of(new OrderAuditTrail(orderId, List.copyOf(trail)));
    }

    static AuditedEvent entry(long global, EventMessage<?> event) {
        Map<String, Object> metadata = new LinkedHashMap<>(event.getMetaData());
        var domain = event instanceof DomainEventMessage<?> d ? d : null;
        String type;
        String revision;
        Object payload = event.getPayload();
        if (payload instanceof UnknownSerializedType retired) {
            // a type this build no longer has: the stored JSON, as stored, under its stored name
            type = typeName(event);
            revision = retired.serializedType().getRevision();
            payload = retired.readData(JsonNode.class);
        } else {
            var annotation = event.getPayloadType().getAnnotation(Revision.class);
            type = event.getPayloadType().getSimpleName();
            revision = annotation == null ? null : annotation.value();
        }
        return new AuditedEvent(global, type, revision, event.getTimestamp(),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? 0 : domain.getSequenceNumber(), payload, metadata);
    }

    /** The payload's simple class name; for a type this build no longer has, the simple name it was stored under. */
    static String typeName(EventMessage<?> event) {
        if (UnknownSerializedType.class.equals(event.getPayloadType())) {
            var name = ((UnknownSerializedType) event.getPayload()).serializedType().getName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
        return event.getPayloadType().getSimpleName();
    }
}
