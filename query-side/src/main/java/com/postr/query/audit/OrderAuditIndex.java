package com.postr.query.audit;

import com.postr.api.order.OrderId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Indexes every event that names an order (a record component {@code orderId}, as an OrderId or a string), by
 * its global position, so an order's audit trail can gather it from streams that are not the order's own. New
 * event types that name an order are indexed without a change here.
 */
@Component
@ProcessingGroup(OrderAuditIndex.PROCESSING_GROUP)
class OrderAuditIndex {

    static final String PROCESSING_GROUP = "audit-order-index";

    /** Per payload type, its orderId component if it has one. */
    private static final Map<Class<?>, Optional<RecordComponent>> ORDER_ID = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;

    OrderAuditIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        var orderId = orderIdOf(payload);
        var position = token.position();
        if (orderId == null || position.isEmpty() || !(message instanceof DomainEventMessage<?> event)) {
            return;
        }
        jdbc.update("INSERT INTO audit_order_event (order_id, global_index, aggregate_identifier, sequence_number) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", orderId, position.getAsLong(),
                event.getAggregateIdentifier(), event.getSequenceNumber());
    }

    @ResetHandler
    void onReset() {
        jdbc.update("DELETE FROM audit_order_event");
    }

    static String orderIdOf(Object payload) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        var component = ORDER_ID.computeIfAbsent(payload.getClass(), type -> Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals("orderId"))
                .filter(c -> c.getType() == OrderId.class || c.getType() == String.class).findFirst());
        if (component.isEmpty()) {
            return null;
        }
        try {
            var value = component.get().getAccessor().invoke(payload);
            return value instanceof OrderId id ? id.value() : (String) value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the orderId of " + payload.getClass(), e);
        }
    }
}
