package com.postr.query.order;

import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.OrderStatusUpdate;
import com.postr.api.order.WatchOrderStatusQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Live order status for subscribers (the SSE stream). Every query node tails the event store itself, on a
 * processor whose token lives in memory and starts at the head (OrderStatusUpdatesConfiguration), so a
 * subscriber on any query node hears every change, whichever node handled the command. The current status
 * comes from the order's own events, not a read model, so nothing between it and the first update is missed.
 */
@Component
@ProcessingGroup(OrderStatusUpdates.PROCESSING_GROUP)
public class OrderStatusUpdates {

    public static final String PROCESSING_GROUP = "order-status-updates";

    private final QueryUpdateEmitter emitter;
    private final EventStore eventStore;

    OrderStatusUpdates(QueryUpdateEmitter emitter, EventStore eventStore) {
        this.emitter = emitter;
        this.eventStore = eventStore;
    }

    @QueryHandler
    Optional<OrderStatusUpdate> handle(WatchOrderStatusQuery query) {
        var status = Optional.<OrderStatusUpdate>empty();
        var events = eventStore.readEvents(query.orderId().value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            var current = status.orElse(null);
            status = Optional.ofNullable(apply(current, event.getPayload(), event.getSequenceNumber(),
                    event.getTimestamp())).or(() -> Optional.ofNullable(current));
        }
        return status;
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        emit(new OrderStatusUpdate(event.orderId(), OrderStatus.CONFIRMED, null, null, null, sequence, at));
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        emit(new OrderStatusUpdate(event.orderId(), OrderStatus.PROCESSING, null, null, null, sequence, at));
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        emit(new OrderStatusUpdate(event.orderId(), OrderStatus.SHIPPED, null, event.carrier(),
                event.trackingNumber(), sequence, at));
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        emit(new OrderStatusUpdate(event.orderId(), OrderStatus.DELIVERED, null, null, null, sequence, at));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        emit(new OrderStatusUpdate(event.orderId(), OrderStatus.CANCELLED, event.reason(), null, null, sequence, at));
    }

    private void emit(OrderStatusUpdate update) {
        emitter.emit(WatchOrderStatusQuery.class, query -> query.orderId().equals(update.orderId()), update);
    }

    /** The status after {@code payload}, or null when the event does not change it. */
    private static OrderStatusUpdate apply(OrderStatusUpdate current, Object payload, long sequence, Instant at) {
        if (payload instanceof OrderPlacedEvent e) {
            return new OrderStatusUpdate(e.orderId(), OrderStatus.PENDING, null, null, null, sequence, at);
        }
        if (current == null) {
            return null;
        }
        OrderId id = current.orderId();
        if (payload instanceof OrderConfirmedEvent) {
            return new OrderStatusUpdate(id, OrderStatus.CONFIRMED, null, null, null, sequence, at);
        }
        if (payload instanceof OrderProcessingStartedEvent) {
            return new OrderStatusUpdate(id, OrderStatus.PROCESSING, null, null, null, sequence, at);
        }
        if (payload instanceof OrderShippedEvent e) {
            return new OrderStatusUpdate(id, OrderStatus.SHIPPED, null, e.carrier(), e.trackingNumber(), sequence, at);
        }
        if (payload instanceof OrderDeliveredEvent) {
            return new OrderStatusUpdate(id, OrderStatus.DELIVERED, null, current.carrier(), current.trackingNumber(),
                    sequence, at);
        }
        if (payload instanceof OrderCancelledEvent e) {
            return new OrderStatusUpdate(id, OrderStatus.CANCELLED, e.reason(), current.carrier(),
                    current.trackingNumber(), sequence, at);
        }
        return null;
    }
}
