package com.postr.query.order;

import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentCapturedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentOutcomeUnknownEvent;
import com.postr.api.payment.PaymentRefundedEvent;
import com.postr.api.payment.PaymentVoidedEvent;

import java.time.Instant;

/**
 * What each event does to an order's history: the one set of rules behind the order-history projection and the
 * audit replays of an order (as of a moment, and the verification of the projection), so that a replay and the
 * read model can only differ where the read model was changed behind the rules' back.
 */
final class OrderHistoryRules {

    private OrderHistoryRules() {
    }

    /** The order's view after {@code event} of its own stream: a new view for its placement, else {@code view}. */
    static OrderView order(OrderView view, Object event, long sequence, Instant at) {
        if (event instanceof OrderPlacedEvent e) {
            return view != null ? view : new OrderView(e.orderId().value(), e.customerId(), e.lines(), e.prices(),
                    e.shippingAddress(), e.paymentMethod() == null ? null : e.paymentMethod().type(), sequence, at);
        }
        if (view == null || !view.isNewerThanView(sequence)) {
            return view;
        }
        if (event instanceof OrderConfirmedEvent) {
            view.moveTo(OrderStatus.CONFIRMED, sequence, at);
        } else if (event instanceof OrderProcessingStartedEvent) {
            view.moveTo(OrderStatus.PROCESSING, sequence, at);
        } else if (event instanceof OrderShippedEvent e) {
            view.ship(e.carrier(), e.trackingNumber());
            view.moveTo(OrderStatus.SHIPPED, sequence, at);
        } else if (event instanceof OrderDeliveredEvent) {
            view.moveTo(OrderStatus.DELIVERED, sequence, at);
        } else if (event instanceof OrderCancelledEvent e) {
            view.cancel(new OrderResponse.Cancellation(e.reason(), e.note(), e.cancelledBy(), e.previousStatus(),
                    e.refundDue()));
            view.moveTo(OrderStatus.CANCELLED, sequence, at);
        } else if (event instanceof OrderRefundedEvent e) {
            view.refund(e.refundedSoFar(), e.status());
            view.touch(sequence, at);
        }
        return view;
    }

    /** Applies one event of the order's payment stream to its summary, if it is news to it. */
    static void payment(OrderPaymentView view, String paymentId, Object event, long sequence, Instant at) {
        if (!view.isNewTo(paymentId, sequence)) {
            return;
        }
        if (event instanceof PaymentAuthorizationRequestedEvent || event instanceof PaymentOutcomeUnknownEvent) {
            view.apply(paymentId, sequence, at, "PENDING");
        } else if (event instanceof PaymentAuthorizedEvent e) {
            view.apply(paymentId, sequence, at, "AUTHORIZED");
            view.authorized(e.providerReference(), e.card() == null ? null : e.card().brand(),
                    e.card() == null ? null : e.card().last4());
        } else if (event instanceof PaymentDeclinedEvent) {
            view.apply(paymentId, sequence, at, "DECLINED");
        } else if (event instanceof PaymentCapturedEvent e) {
            view.apply(paymentId, sequence, at, "CAPTURED");
            view.captured(e.amount().amount());
        } else if (event instanceof PaymentVoidedEvent) {
            view.apply(paymentId, sequence, at, "VOIDED");
        } else if (event instanceof PaymentRefundedEvent e) {
            var whole = view.captured() == null || e.refundedSoFar().amount().compareTo(view.captured()) >= 0;
            view.apply(paymentId, sequence, at, whole ? "REFUNDED" : "PARTIALLY_REFUNDED");
        }
    }
}
