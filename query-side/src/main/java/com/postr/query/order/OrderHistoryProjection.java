package com.postr.query.order;

import com.postr.api.order.FetchOrderQuery;
import com.postr.api.order.FindOrdersQuery;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderPage;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds the order history from order events: what customers and support see of an order. */
@Component
@ProcessingGroup(OrderHistoryProjection.PROCESSING_GROUP)
public class OrderHistoryProjection {

    public static final String PROCESSING_GROUP = "order-history";

    private final OrderViewRepository orders;

    OrderHistoryProjection(OrderViewRepository orders) {
        this.orders = orders;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        if (orders.existsById(event.orderId().value())) {
            return; // replayed creation
        }
        orders.save(new OrderView(event.orderId().value(), event.customerId(), event.lines(), event.prices(),
                event.shippingAddress(), event.paymentMethod() == null ? null : event.paymentMethod().type(),
                sequenceNumber, at));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber, view -> view.moveTo(OrderStatus.CONFIRMED, sequenceNumber, at));
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber,
                view -> view.moveTo(OrderStatus.PROCESSING, sequenceNumber, at));
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber, view -> {
            view.ship(event.carrier(), event.trackingNumber());
            view.moveTo(OrderStatus.SHIPPED, sequenceNumber, at);
        });
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber, view -> view.moveTo(OrderStatus.DELIVERED, sequenceNumber, at));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber, view -> {
            view.cancel(new OrderResponse.Cancellation(event.reason(), event.note(), event.cancelledBy(),
                    event.previousStatus(), event.refundDue()));
            view.moveTo(OrderStatus.CANCELLED, sequenceNumber, at);
        });
    }

    @EventHandler
    void on(OrderRefundedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.orderId().value(), sequenceNumber, view -> {
            view.refund(event.refundedSoFar(), event.status());
            view.touch(sequenceNumber, at);
        });
    }

    @ResetHandler
    void onReset() {
        orders.deleteAllInBatch();
    }

    @QueryHandler
    Optional<OrderResponse> handle(FetchOrderQuery query) {
        return orders.findById(query.orderId().value()).map(OrderView::toResponse);
    }

    @QueryHandler
    OrderPage handle(FindOrdersQuery query) {
        var field = switch (query.sort() == null ? FindOrdersQuery.SortField.CREATED_AT : query.sort()) {
            case CREATED_AT -> "createdAt";
            case TOTAL -> "total";
            case STATUS -> "status";
        };
        var direction = query.ascending() ? Sort.Direction.ASC : Sort.Direction.DESC;
        var sort = Sort.by(direction, field).and(Sort.by(direction, "orderId")); // stable across pages
        var page = orders.search(query.customerId(), query.status(), query.from(), query.to(),
                PageRequest.of(query.page(), query.size(), sort));
        return new OrderPage(page.map(OrderView::toResponse).toList(), query.page(), query.size(),
                page.getTotalElements());
    }

    private void update(String orderId, long sequenceNumber, Consumer<OrderView> change) {
        var view = orders.findById(orderId).orElseThrow(() -> new IllegalStateException(
                "Order history of " + orderId + " is missing; cannot apply event #" + sequenceNumber));
        if (view.isNewerThanView(sequenceNumber)) {
            change.accept(view);
        }
    }
}
