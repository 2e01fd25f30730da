package com.postr.saga.checkout;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
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
 * Where checkout stands is one {@link Stage}; read the handlers top to bottom in the order an order lives, each
 * acting only in the stages it names. Commands go to the local bus and run inside this handler's transaction,
 * together with the saga's own state, so a step and the saga's memory of it commit or roll back together. A
 * refused step ({@link Rejection}) is a business outcome the saga reacts to; any other failure fails the event,
 * which the processor retries (and the deadline scheduler retries a failed deadline), so no compensation is
 * silently lost. Every compensation is idempotent, which makes those retries safe. The command gateway, the
 * deadline manager and the policy are handler parameters, resolved by Axon for each call: nothing is injected
 * into, or serialized with, the saga.
 */
@Saga
@ProcessingGroup(CheckoutSaga.PROCESSING_GROUP)
public class CheckoutSaga {

    public static final String PROCESSING_GROUP = "checkout";
    /** Every event of checkout names its order by this property. */
    static final String ORDER_ID = "orderId";
    static final String PAYMENT_TIMEOUT = "payment-timeout";
    /** Recorded as who cancelled, so order history shows it was the system, not a person. */
    static final String ACTOR = "system:checkout";

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    /** Where checkout stands, in the order an order lives. */
    enum Stage {
        /** Every line reserved, authorization asked for, the payment deadline running. */
        AWAITING_PAYMENT,
        /** Confirmed with nothing to pay (a 100% discount); ends at delivery or cancellation. */
        CONFIRMED_UNPAID,
        /** Confirmed, stock committed, the money authorized and held until shipment. */
        AUTHORIZED,
        /** The capture is on its way. */
        CAPTURING,
        /** Delivered while the capture is on its way; ends when it lands. */
        DELIVERED_CAPTURING,
        /** The money is taken; ends at delivery. */
        CAPTURED,
        /** Cancelled while the capture was on its way; refunds once it lands. */
        CANCELLED_CAPTURING,
        /** Cancelled; the authorization is being voided. */
        VOIDING,
        /** Cancelled; the captured money is being refunded. */
        REFUNDING
    }

    record Line(String sku, int quantity) {
    }

    private String orderId;
    private String paymentId;
    private Money total;
    private Money refundDue;
    private List<Line> lines = new ArrayList<>();
    private Stage stage;
    private String timeoutId;

    // ---- placed: reserve, then ask for the money -----------------------------------------------------------------

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderPlacedEvent event, @Timestamp Instant placedAt, CommandGateway commands,
            DeadlineManager deadlines, CheckoutPolicy policy) {
        var steps = new Steps(commands);
        orderId = event.orderId().value();
        paymentId = PaymentId.forOrder(orderId).value();
        total = event.prices().total();
        event.lines().forEach(line -> lines.add(new Line(line.sku().value(), line.quantity())));

        var reserved = new ArrayList<Line>();
        var shortage = reserveAll(steps, placedAt, policy, reserved);
        if (shortage.isPresent()) {
            release(steps, reserved, "line " + shortage.get().sku() + " could not be reserved");
            cancel(steps, CancellationReason.OUT_OF_STOCK, shortage.get().message());
            return;
        }
        if (total.signum() == 0) {
            steps.require(new ConfirmOrderCommand(new OrderId(orderId))); // nothing to pay: no payment at all
            confirmed(steps, Stage.CONFIRMED_UNPAID, policy);
            return;
        }
        var refused = steps.attempt(new RequestPaymentAuthorizationCommand(new PaymentId(paymentId), orderId, total,
                event.paymentMethod() == null ? null : event.paymentMethod().token()));
        if (refused.isPresent()) {
            release(steps, lines, "payment could not be requested");
            cancel(steps, CancellationReason.PAYMENT_DECLINED, refused.get().message());
            return;
        }
        stage = Stage.AWAITING_PAYMENT;
        timeoutId = deadlines.schedule(policy.paymentTimeout(), PAYMENT_TIMEOUT);
    }

    // ---- AWAITING_PAYMENT: authorized, declined, or no answer in time -------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentAuthorizedEvent event, @Timestamp Instant authorizedAt, CommandGateway commands,
            DeadlineManager deadlines, CheckoutPolicy policy) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        var steps = new Steps(commands);
        cancelPaymentTimeout(deadlines);
        // a checkout held up (processor down, say) may have let a reservation expire: take it again, or give up
        var shortage = reserveAll(steps, authorizedAt, policy, new ArrayList<>());
        if (shortage.isPresent()) {
            voidPayment(steps, "stock no longer available");
            release(steps, lines, "line " + shortage.get().sku() + " lost its reservation");
            cancel(steps, CancellationReason.OUT_OF_STOCK, shortage.get().message());
            return;
        }
        if (steps.attempt(new ConfirmOrderCommand(new OrderId(orderId))).isPresent()) {
            // cancelled by someone else in the meantime; its cancellation event finds this saga gone
            voidPayment(steps, "order cancelled while payment was authorized");
            release(steps, lines, "order cancelled before confirmation");
            SagaLifecycle.end();
            return;
        }
        confirmed(steps, Stage.AUTHORIZED, policy);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentDeclinedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        var steps = new Steps(commands);
        cancelPaymentTimeout(deadlines);
        release(steps, lines, "payment declined");
        cancel(steps, CancellationReason.PAYMENT_DECLINED, "The payment was declined (" + event.declineCode() + ")");
    }

    /** The deadline itself comes first: Axon would take a resource in first place for the deadline's payload. */
    @DeadlineHandler(deadlineName = PAYMENT_TIMEOUT)
    void onPaymentTimeout(DeadlineMessage<?> deadline, CommandGateway commands, CheckoutPolicy policy) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        var steps = new Steps(commands);
        log.warn("No payment outcome for order {} within {}; voiding and cancelling", orderId,
                policy.paymentTimeout());
        voidPayment(steps, "no payment outcome in time");
        release(steps, lines, "payment timed out");
        cancel(steps, CancellationReason.PAYMENT_TIMEOUT, "No payment outcome within " + policy.paymentTimeout());
    }

    // ---- AUTHORIZED: taken at shipment, then delivery ends checkout ---------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderShippedEvent event, CommandGateway commands) {
        if (stage == Stage.AUTHORIZED) {
            capture(new Steps(commands));
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentCapturedEvent event, CommandGateway commands) {
        if (stage == null) {
            return;
        }
        switch (stage) {
            case CAPTURING -> stage = Stage.CAPTURED;
            case DELIVERED_CAPTURING -> SagaLifecycle.end();
            case CANCELLED_CAPTURING -> refund(new Steps(commands)); // cancelled meanwhile: give it back now
            default -> {
                // not waiting for a capture
            }
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderDeliveredEvent event) {
        if (stage == null) {
            return;
        }
        switch (stage) {
            case CAPTURED, CONFIRMED_UNPAID -> SagaLifecycle.end();
            case CAPTURING -> stage = Stage.DELIVERED_CAPTURING;
            default -> {
                // delivery changes nothing else
            }
        }
    }

    // ---- cancelled by someone else (customer, staff, a return): undo what checkout did -------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelledEvent event, CommandGateway commands, DeadlineManager deadlines) {
        if (stage == null) {
            return;
        }
        var steps = new Steps(commands);
        switch (stage) {
            case AWAITING_PAYMENT -> {
                cancelPaymentTimeout(deadlines);
                voidPayment(steps, "order cancelled before payment settled");
                release(steps, lines, "order cancelled");
                SagaLifecycle.end();
            }
            case CONFIRMED_UNPAID, AUTHORIZED, CAPTURING, DELIVERED_CAPTURING, CAPTURED -> {
                refundDue = event.refundDue();
                for (Line line : lines) {
                    // committed units left on hand at confirmation; a cancelled (or returned) order brings them back
                    steps.compensate(new ReceiveStockCommand(new Sku(line.sku()), line.quantity(),
                            "order " + orderId + " " + event.reason().name().toLowerCase(Locale.ROOT)));
                }
                switch (stage) {
                    case AUTHORIZED -> voidPayment(steps, "order cancelled");
                    case CAPTURED -> refund(steps);
                    case CAPTURING, DELIVERED_CAPTURING -> stage = Stage.CANCELLED_CAPTURING; // refund once it lands
                    default -> SagaLifecycle.end(); // nothing was paid
                }
            }
            default -> {
                // already undoing a cancellation
            }
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentVoidedEvent event, CommandGateway commands) {
        if (stage == Stage.VOIDING) {
            // nothing was taken: releasing the authorization gives the customer everything back
            recordRefund(new Steps(commands), refundDue, "void " + paymentId);
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentRefundedEvent event, CommandGateway commands) {
        if (stage == Stage.REFUNDING) {
            recordRefund(new Steps(commands), event.amount(), event.providerReference());
            SagaLifecycle.end();
        }
    }

    // ---- steps --------------------------------------------------------------------------------------------------

    /** The line that could not be reserved, and why (the refusal names requested and available units). */
    private record Shortage(String sku, String message) {
    }

    /**
     * Reserves every line from {@code from} for the reservation TTL, adding each to {@code reserved}; repeating
     * it for a reservation still held changes nothing. Stops at the first line that cannot be had.
     */
    private Optional<Shortage> reserveAll(Steps steps, Instant from, CheckoutPolicy policy, List<Line> reserved) {
        var expiresAt = from.plus(policy.reservationTtl());
        for (Line line : lines) {
            var refused = steps.attempt(new ReserveStockCommand(new Sku(line.sku()), orderId, line.quantity(),
                    expiresAt));
            if (refused.isPresent()) {
                return Optional.of(new Shortage(line.sku(), refused.get().message()));
            }
            reserved.add(line);
        }
        return Optional.empty();
    }

    /** Confirmed: the reservations become sales, and the money is taken now if the policy says so. */
    private void confirmed(Steps steps, Stage confirmed, CheckoutPolicy policy) {
        for (Line line : lines) {
            steps.require(new CommitStockCommand(new Sku(line.sku()), orderId));
        }
        stage = confirmed;
        if (confirmed == Stage.AUTHORIZED && policy.capture() == CheckoutPolicy.Capture.ON_CONFIRMATION) {
            capture(steps);
        }
    }

    private void capture(Steps steps) {
        steps.require(new CapturePaymentCommand(new PaymentId(paymentId)));
        stage = Stage.CAPTURING;
    }

    private void refund(Steps steps) {
        if (refundDue == null || refundDue.signum() <= 0) {
            SagaLifecycle.end();
            return;
        }
        steps.compensate(new RefundPaymentCommand(new PaymentId(paymentId), refundDue,
                "order " + orderId + " cancelled"));
        stage = Stage.REFUNDING;
    }

    private void recordRefund(Steps steps, Money amount, String reference) {
        if (amount != null && amount.signum() > 0) {
            steps.compensate(new RecordOrderRefundCommand(new OrderId(orderId), amount, reference));
        }
    }

    private void voidPayment(Steps steps, String reason) {
        steps.compensate(new VoidPaymentCommand(new PaymentId(paymentId), reason));
        stage = Stage.VOIDING;
    }

    private void release(Steps steps, List<Line> reserved, String reason) {
        for (Line line : reserved) {
            steps.compensate(new ReleaseStockCommand(new Sku(line.sku()), orderId, reason));
        }
    }

    /** Cancels the order on checkout's own initiative; checkout is then over. */
    private void cancel(Steps steps, CancellationReason reason, String note) {
        steps.compensate(new CancelOrderCommand(new OrderId(orderId), reason, note, ACTOR));
        SagaLifecycle.end();
    }

    private void cancelPaymentTimeout(DeadlineManager deadlines) {
        if (timeoutId != null) {
            deadlines.cancelSchedule(PAYMENT_TIMEOUT, timeoutId);
            timeoutId = null;
        }
    }

    /** The pending payment deadline, for an operator who ends this checkout by hand ({@link ActiveCheckouts}). */
    String timeoutId() {
        return timeoutId;
    }

    /** How a step is sent, by what its refusal means. */
    private final class Steps {

        private final CommandGateway commands;

        Steps(CommandGateway commands) {
            this.commands = commands;
        }

        /** A step the domain may refuse: the refusal comes back as a value, anything else is thrown. */
        Optional<Rejection> attempt(Object command) {
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
        void compensate(Object command) {
            attempt(command).ifPresent(refused -> log.warn("Order {}: {} refused ({}); nothing left to undo",
                    orderId, command.getClass().getSimpleName(), refused.message()));
        }

        /** A step that cannot be refused at this point; if it is, the event fails visibly and is retried. */
        void require(Object command) {
            attempt(command).ifPresent(refused -> {
                throw new IllegalStateException("Order " + orderId + ": " + command.getClass().getSimpleName()
                        + " refused unexpectedly: " + refused.code() + " " + refused.message());
            });
        }
    }

    // ---- sagas stored by the release before the single stage -----------------------------------------------------

    /**
     * Until this release a saga's place was two enums and a flag; a saga stored then is read into its stage
     * here, once, when it is next loaded. (Jackson calls this with the old fields; new sagas have no such fields.)
     */
    @JsonProperty("payment")
    private void legacyPayment(String payment) {
        legacyPayment = payment;
        migrateLegacyStage();
    }

    @JsonProperty("delivered")
    private void legacyDelivered(boolean delivered) {
        legacyDelivered = delivered;
        migrateLegacyStage();
    }

    private transient String legacyPayment;
    private transient boolean legacyDelivered;

    @JsonProperty("stage")
    private void stage(String value) {
        legacyStageName = value;
        migrateLegacyStage();
    }

    private transient String legacyStageName;

    private void migrateLegacyStage() {
        if (legacyStageName == null) {
            return;
        }
        stage = switch (legacyStageName) {
            case "CONFIRMED", "SHIPPED" -> legacyPayment == null ? null : switch (legacyPayment) {
                case "NONE" -> Stage.CONFIRMED_UNPAID;
                case "AUTHORIZED" -> Stage.AUTHORIZED;
                case "CAPTURE_REQUESTED" -> legacyDelivered ? Stage.DELIVERED_CAPTURING : Stage.CAPTURING;
                case "CAPTURED" -> Stage.CAPTURED;
                default -> null;
            };
            case "CANCELLED" -> legacyPayment == null ? null : switch (legacyPayment) {
                case "VOID_REQUESTED" -> Stage.VOIDING;
                case "REFUND_REQUESTED" -> Stage.REFUNDING;
                case "CAPTURE_REQUESTED" -> Stage.CANCELLED_CAPTURING;
                default -> null;
            };
            default -> Stage.valueOf(legacyStageName);
        };
    }
}
