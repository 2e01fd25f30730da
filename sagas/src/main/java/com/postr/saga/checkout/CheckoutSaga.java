package com.postr.saga.checkout;

import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.common.Rejection;
import com.postr.api.inventory.CommitStockCommand;
import com.postr.api.inventory.ReceiveStockCommand;
import com.postr.api.inventory.ReleaseStockCommand;
import com.postr.api.inventory.ReserveStockCommand;
import com.postr.api.order.CancelOrderCommand;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.ConfirmOrderCommand;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.RecordOrderRefundCommand;
import com.postr.api.payment.CapturePaymentCommand;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentCapturedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.PaymentRefundedEvent;
import com.postr.api.payment.PaymentVoidedEvent;
import com.postr.api.payment.RefundPaymentCommand;
import com.postr.api.payment.RequestPaymentAuthorizationCommand;
import com.postr.api.payment.VoidPaymentCommand;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs every placed order to an outcome: reserve each line, authorize the payment, confirm, then capture at
 * shipment (or at confirmation), and undo whatever was done when anything fails (docs/adr/0011).
 * <p>
 * Commands go to the local bus and run inside this handler's transaction, together with the saga's own state,
 * so a step and the saga's memory of it commit or roll back together. A refused step ({@link Rejection}) is a
 * business outcome the saga reacts to; any other failure fails the event, which the processor retries (and the
 * deadline scheduler retries a failed deadline), so no compensation is silently lost. Every compensation is
 * idempotent, which makes those retries safe.
 */
@Saga
@ProcessingGroup(CheckoutSaga.PROCESSING_GROUP)
public class CheckoutSaga {

    public static final String PROCESSING_GROUP = "checkout";
    static final String PAYMENT_TIMEOUT = "payment-timeout";
    /** Recorded as who cancelled, so order history shows it was the system, not a person. */
    static final String ACTOR = "system:checkout";

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    @Inject
    private transient CommandGateway commands;
    @Inject
    private transient DeadlineManager deadlines;
    @Inject
    private transient CheckoutPolicy policy;

    enum Stage { AWAITING_PAYMENT, CONFIRMED, SHIPPED, CANCELLED }

    /** What checkout has asked of the payment, so a cancellation knows whether to void or to refund. */
    enum PaymentStep { NONE, REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED, VOID_REQUESTED, REFUND_REQUESTED }

    record Line(String sku, int quantity) {
    }

    private String orderId;
    private String paymentId;
    private Money total;
    private Money refundDue;
    private List<Line> lines = new ArrayList<>();
    private List<String> reserved = new ArrayList<>();
    private Stage stage;
    private PaymentStep payment = PaymentStep.NONE;
    private String timeoutId;
    private boolean delivered;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlacedEvent event, @Timestamp Instant placedAt) {
        orderId = event.orderId().value();
        paymentId = PaymentId.forOrder(orderId).value();
        total = event.prices().total();
        event.lines().forEach(line -> lines.add(new Line(line.sku().value(), line.quantity())));
        stage = Stage.AWAITING_PAYMENT;

        var shortage = reserveAll(placedAt);
        if (shortage.isPresent()) {
            releaseReservations("line " + shortage.get().sku() + " could not be reserved");
            cancel(CancellationReason.OUT_OF_STOCK, shortage.get().message());
            return;
        }
        if (total.signum() == 0) {
            confirm(); // nothing to pay (a 100% discount): no payment at all
            return;
        }
        var refused = attempt(new RequestPaymentAuthorizationCommand(new PaymentId(paymentId), orderId, total,
                event.paymentMethod() == null ? null : event.paymentMethod().token()));
        if (refused.isPresent()) {
            releaseReservations("payment could not be requested");
            cancel(CancellationReason.PAYMENT_DECLINED, refused.get().message());
            return;
        }
        payment = PaymentStep.REQUESTED;
        timeoutId = deadlines.schedule(policy.paymentTimeout(), PAYMENT_TIMEOUT);
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentAuthorizedEvent event, @Timestamp Instant authorizedAt) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        cancelPaymentTimeout();
        payment = PaymentStep.AUTHORIZED;
        // a checkout held up (processor down, say) may have let a reservation expire: take it again, or give up
        var shortage = reserveAll(authorizedAt);
        if (shortage.isPresent()) {
            voidPayment("stock no longer available");
            releaseReservations("line " + shortage.get().sku() + " lost its reservation");
            cancel(CancellationReason.OUT_OF_STOCK, shortage.get().message());
            return;
        }
        if (attempt(new ConfirmOrderCommand(new OrderId(orderId))).isPresent()) {
            // cancelled by someone else in the meantime; its cancellation event finds this saga gone
            voidPayment("order cancelled while payment was authorized");
            releaseReservations("order cancelled before confirmation");
            SagaLifecycle.end();
            return;
        }
        confirmed();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentDeclinedEvent event) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        cancelPaymentTimeout();
        releaseReservations("payment declined");
        cancel(CancellationReason.PAYMENT_DECLINED, "The payment was declined (" + event.declineCode() + ")");
    }

    @DeadlineHandler(deadlineName = PAYMENT_TIMEOUT)
    void onPaymentTimeout() {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        log.warn("No payment outcome for order {} within {}; voiding and cancelling", orderId,
                policy.paymentTimeout());
        voidPayment("no payment outcome in time");
        releaseReservations("payment timed out");
        cancel(CancellationReason.PAYMENT_TIMEOUT, "No payment outcome within " + policy.paymentTimeout());
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShippedEvent event) {
        if (stage != Stage.CONFIRMED) {
            return;
        }
        stage = Stage.SHIPPED;
        if (payment == PaymentStep.AUTHORIZED) {
            capture();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentCapturedEvent event) {
        if (payment != PaymentStep.CAPTURE_REQUESTED) {
            return;
        }
        payment = PaymentStep.CAPTURED;
        if (stage == Stage.CANCELLED) {
            refund(); // cancelled while the capture was on its way: give it back now
        } else if (delivered) {
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderDeliveredEvent event) {
        delivered = true;
        if (payment == PaymentStep.CAPTURED || payment == PaymentStep.NONE) {
            SagaLifecycle.end();
        }
    }

    /** Someone else cancelled (customer, staff, a return): undo what checkout did. */
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        if (stage == Stage.AWAITING_PAYMENT) {
            cancelPaymentTimeout();
            voidPayment("order cancelled before payment settled");
            releaseReservations("order cancelled");
            SagaLifecycle.end();
            return;
        }
        if (stage == Stage.CANCELLED) {
            return;
        }
        stage = Stage.CANCELLED;
        refundDue = event.refundDue();
        for (Line line : lines) {
            // committed units left on-hand at confirmation; a cancelled (or returned) order brings them back
            compensate(new ReceiveStockCommand(new Sku(line.sku()), line.quantity(),
                    "order " + orderId + " " + event.reason().name().toLowerCase(Locale.ROOT)));
        }
        switch (payment) {
            case AUTHORIZED -> voidPayment("order cancelled");
            case CAPTURED -> refund();
            case CAPTURE_REQUESTED -> {
                // the capture is on its way; refund once it lands
            }
            default -> SagaLifecycle.end(); // nothing was paid
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentVoidedEvent event) {
        if (stage == Stage.CANCELLED && payment == PaymentStep.VOID_REQUESTED) {
            // nothing was taken: releasing the authorization gives the customer everything back
            recordRefund(refundDue, "void " + paymentId);
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentRefundedEvent event) {
        if (stage == Stage.CANCELLED && payment == PaymentStep.REFUND_REQUESTED) {
            recordRefund(event.amount(), event.providerReference());
            SagaLifecycle.end();
        }
    }

    /** The line that could not be reserved, and why (the refusal names requested and available units). */
    private record Shortage(String sku, String message) {
    }

    /**
     * Reserves every line from {@code from} for the reservation TTL; repeating it for a reservation still held
     * changes nothing. Stops at the first line that cannot be had.
     */
    private Optional<Shortage> reserveAll(Instant from) {
        var expiresAt = from.plus(policy.reservationTtl());
        for (Line line : lines) {
            var refused = attempt(new ReserveStockCommand(new Sku(line.sku()), orderId, line.quantity(), expiresAt));
            if (refused.isPresent()) {
                return Optional.of(new Shortage(line.sku(), refused.get().message()));
            }
            if (!reserved.contains(line.sku())) {
                reserved.add(line.sku());
            }
        }
        return Optional.empty();
    }

    private void confirmed() {
        for (Line line : lines) {
            require(new CommitStockCommand(new Sku(line.sku()), orderId));
        }
        reserved.clear();
        stage = Stage.CONFIRMED;
        if (policy.capture() == CheckoutPolicy.Capture.ON_CONFIRMATION && payment == PaymentStep.AUTHORIZED) {
            capture();
        }
    }

    private void confirm() {
        require(new ConfirmOrderCommand(new OrderId(orderId)));
        confirmed();
    }

    private void capture() {
        require(new CapturePaymentCommand(new PaymentId(paymentId)));
        payment = PaymentStep.CAPTURE_REQUESTED;
    }

    private void refund() {
        if (refundDue == null || refundDue.signum() <= 0) {
            SagaLifecycle.end();
            return;
        }
        compensate(new RefundPaymentCommand(new PaymentId(paymentId), refundDue, "order " + orderId + " cancelled"));
        payment = PaymentStep.REFUND_REQUESTED;
    }

    private void recordRefund(Money amount, String reference) {
        if (amount != null && amount.signum() > 0) {
            compensate(new RecordOrderRefundCommand(new OrderId(orderId), amount, reference));
        }
    }

    private void voidPayment(String reason) {
        if (payment == PaymentStep.NONE) {
            return;
        }
        compensate(new VoidPaymentCommand(new PaymentId(paymentId), reason));
        payment = PaymentStep.VOID_REQUESTED;
    }

    private void releaseReservations(String reason) {
        for (String sku : reserved) {
            compensate(new ReleaseStockCommand(new Sku(sku), orderId, reason));
        }
        reserved.clear();
    }

    /** Cancels the order on checkout's own initiative; checkout is then over. */
    private void cancel(CancellationReason reason, String note) {
        compensate(new CancelOrderCommand(new OrderId(orderId), reason, note, ACTOR));
        SagaLifecycle.end();
    }

    private void cancelPaymentTimeout() {
        if (timeoutId != null) {
            deadlines.cancelSchedule(PAYMENT_TIMEOUT, timeoutId);
            timeoutId = null;
        }
    }

    /** A step the domain may refuse: the refusal comes back as a value, anything else is thrown. */
    private Optional<Rejection> attempt(Object command) {
        try {
            commands.sendAndWait(command);
            return Optional.empty();
        } catch (CommandExecutionException e) {
            var rejection = e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast);
            if (rejection.isEmpty()) {
                throw e;
            }
            return rejection;
        }
    }

    /**
     * Undoing something: every such command is idempotent, so a refusal only means there is nothing left to
     * undo. Any other failure propagates and the whole step is retried.
     */
    private void compensate(Object command) {
        attempt(command).ifPresent(refused -> log.warn("Order {}: {} refused ({}); nothing left to undo",
                orderId, command.getClass().getSimpleName(), refused.message()));
    }

    /** A step that cannot be refused at this point; if it is, the event fails visibly and is retried. */
    private void require(Object command) {
        attempt(command).ifPresent(refused -> {
            throw new IllegalStateException("Order " + orderId + ": " + command.getClass().getSimpleName()
                    + " refused unexpectedly: " + refused.code() + " " + refused.message());
        });
    }
}
