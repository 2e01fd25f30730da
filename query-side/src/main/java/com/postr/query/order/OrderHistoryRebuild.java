package com.postr.query.order;

import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentCapturedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentOutcomeUnknownEvent;
import com.postr.api.payment.PaymentRefundedEvent;
import com.postr.api.payment.PaymentVoidedEvent;
import com.postr.query.rebuild.BulkCopy;
import com.postr.query.rebuild.RebuildTarget;
import com.postr.query.rebuild.StoredEvent;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order history rebuilt in bulk: the same rules as {@link OrderHistoryProjection}, applied to a chunk of
 * events at a time, with the chunk's orders loaded in one query, new rows written with {@code COPY} and changed
 * ones in JDBC batches, rather than a savepoint, a lookup and a statement per event. Segments split the orders by
 * id. The daily counts are summed from the rebuilt rows at the end.
 */
@Component
class OrderHistoryRebuild implements RebuildTarget {

    private static final int BATCH = 500;

    private final EntityManager entityManager;
    private final BulkCopy<OrderView> orderRows;
    private final BulkCopy<OrderPaymentView> paymentRows;

    OrderHistoryRebuild(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.orderRows = BulkCopy.of(OrderView.class, entityManager);
        this.paymentRows = BulkCopy.of(OrderPaymentView.class, entityManager);
    }

    @Override
    public String keyOf(Object payload) {
        return orderOf(payload);
    }

    @Override
    public String projection() {
        return OrderHistoryProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("order_history", "order_history_payment", "order_history_daily_count");
    }

    /** The order a payment event is about, and its payment; null for events this model ignores. */
    private record PaymentOf(String orderId, String paymentId) {
    }

    @Override
    public Run start() {
        return new Work();
    }

    /**
     * The new version starts empty and only this segment writes its orders, so the orders it has written are all
     * there is: only their rows are ever loaded again (events of an order mostly come close together, so rarely).
     */
    private final class Work implements Run {

        private final Set<String> written = new HashSet<>();

        @Override
        public int apply(List<StoredEvent> events) {
            return OrderHistoryRebuild.this.apply(events, written);
        }
    }

    private int apply(List<StoredEvent> events, Set<String> written) {
        entityManager.unwrap(Session.class).setJdbcBatchSize(BATCH);
        var ids = new HashSet<String>();
        for (var event : events) {
            var id = orderOf(event.payload());
            if (id != null && written.contains(id)) {
                ids.add(id);
            }
        }
        var orders = new HashMap<String, OrderView>();
        var payments = new HashMap<String, OrderPaymentView>();
        if (!ids.isEmpty()) {
            entityManager.createQuery("SELECT o FROM OrderView o WHERE o.orderId IN :ids", OrderView.class)
                    .setParameter("ids", ids).getResultList().forEach(o -> orders.put(o.orderId(), o));
            entityManager.createQuery("SELECT p FROM OrderPaymentView p WHERE p.orderId IN :ids",
                    OrderPaymentView.class).setParameter("ids", ids).getResultList()
                    .forEach(p -> payments.put(p.orderId(), p));
        }
        var newOrders = new ArrayList<OrderView>();
        var newPayments = new ArrayList<OrderPaymentView>();
        int skipped = 0;
        for (var event : events) {
            var payload = event.payload();
            long sequence = event.sequenceNumber();
            var at = event.timestamp();
            if (payload instanceof OrderPlacedEvent placed) {
                var id = placed.orderId().value();
                if (!orders.containsKey(id)) {
                    var view = OrderHistoryRules.order(null, placed, sequence, at);
                    orders.put(id, view);
                    newOrders.add(view);
                }
            } else if (isOrderChange(payload)) {
                var view = orders.get(orderOf(payload));
                if (view == null) {
                    skipped++; // its placement is not in the store: the live projection would park it
                } else {
                    OrderHistoryRules.order(view, payload, sequence, at);
                }
            } else {
                var payment = paymentOf(payload);
                if (payment != null) {
                    var view = payments.get(payment.orderId());
                    if (view == null) {
                        view = new OrderPaymentView(payment.orderId(), payment.paymentId());
                        payments.put(payment.orderId(), view);
                        newPayments.add(view);
                    }
                    if (view.isNewTo(payment.paymentId(), sequence)) {
                        OrderHistoryRules.payment(view, payment.paymentId(), payload, sequence, at);
                    }
                }
            }
        }
        newOrders.forEach(order -> written.add(order.orderId()));
        newPayments.forEach(payment -> written.add(payment.orderId()));
        entityManager.flush(); // the rows loaded again, changed
        orderRows.copy(entityManager, newOrders);
        paymentRows.copy(entityManager, newPayments);
        entityManager.clear();
        return skipped;
    }

    @Override
    public void complete() {
        entityManager.createNativeQuery("""
                INSERT INTO order_history_daily_count (status, day, shard, orders)
                SELECT status, (created_at AT TIME ZONE 'UTC')::date, ascii(right(order_id, 1)) % 8, count(*)
                FROM order_history GROUP BY 1, 2, 3""").executeUpdate();
    }

    private static boolean isOrderChange(Object payload) {
        return payload instanceof OrderConfirmedEvent || payload instanceof OrderProcessingStartedEvent
                || payload instanceof OrderShippedEvent || payload instanceof OrderDeliveredEvent
                || payload instanceof OrderCancelledEvent || payload instanceof OrderRefundedEvent;
    }

    private static String orderOf(Object payload) {
        if (payload instanceof OrderPlacedEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderConfirmedEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderProcessingStartedEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderShippedEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderDeliveredEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderCancelledEvent e) {
            return e.orderId().value();
        }
        if (payload instanceof OrderRefundedEvent e) {
            return e.orderId().value();
        }
        var payment = paymentOf(payload);
        return payment == null ? null : payment.orderId();
    }

    private static PaymentOf paymentOf(Object payload) {
        if (payload instanceof PaymentAuthorizationRequestedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentOutcomeUnknownEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentAuthorizedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentDeclinedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentCapturedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentVoidedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        if (payload instanceof PaymentRefundedEvent e) {
            return new PaymentOf(e.orderId(), e.paymentId().value());
        }
        return null;
    }
}
