package com.postr.query.order;

import com.postr.api.audit.FetchOrderAsOfQuery;
import com.postr.api.audit.OrderAsOf;
import com.postr.api.payment.PaymentId;
import com.postr.query.audit.StoredPositions;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays an order from the event store, not from its read model: the order's stream and its payment's, in
 * global order, up to a moment or a position, through OrderHistoryRules. What an auditor sees as of any moment,
 * and what the read model is checked against.
 */
@Component
class OrderReplays {

    private final EventStore events;
    private final JdbcTemplate jdbc;

    OrderReplays(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    private record Positioned(long global, DomainEventMessage<?> event) {
    }

    @QueryHandler
    Optional<OrderAsOf> handle(FetchOrderAsOfQuery query) {
        var orderId = query.orderId();
        var paymentId = PaymentId.forOrder(orderId).value();
        Map<String, Long> globals = new HashMap<>();
        for (var stored : StoredPositions.of(jdbc, orderId, paymentId)) {
            globals.put(stored.aggregateId() + "#" + stored.sequence(), stored.globalPosition());
        }
        var stream = new ArrayList<Positioned>();
        for (var aggregate : List.of(orderId, paymentId)) {
            events.readEvents(aggregate, 0).asStream().forEach(event -> {
                var global = globals.get(aggregate + "#" + event.getSequenceNumber());
                if (global != null && (query.asOf() == null || !event.getTimestamp().isAfter(query.asOf()))
                        && (query.asOfPosition() == null || global <= query.asOfPosition())) {
                    stream.add(new Positioned(global, event));
                }
            });
        }
        stream.sort(Comparator.comparingLong(Positioned::global));
        OrderView order = null;
        var payment = new OrderPaymentView(orderId, paymentId);
        var paid = false;
        Positioned last = null;
        for (var next : stream) {
            var event = next.event();
            if (event.getAggregateIdentifier().equals(orderId)) {
                order = OrderHistoryRules.order(order, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp());
            } else {
                OrderHistoryRules.payment(payment, paymentId, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp());
                paid = true;
            }
            last = next;
        }
        if (order == null) {
            return Optional.empty(); // not placed yet at that moment
        }
        return Optional.of(new OrderAsOf(order.toResponse(paid ? payment.toResponse() : null),
                last.event().getPayloadType().getSimpleName(), last.global(), last.event().getTimestamp()));
    }
}
