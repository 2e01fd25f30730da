package com.postr.command.payment;

import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentCaptureRequestedEvent;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.PaymentOutcomeUnknownEvent;
import com.postr.api.payment.PaymentRefundRequestedEvent;
import com.postr.api.payment.PaymentVoidRequestedEvent;
import com.postr.api.payment.RecordPaymentAuthorizedCommand;
import com.postr.api.payment.RecordPaymentCapturedCommand;
import com.postr.api.payment.RecordPaymentDeclinedCommand;
import com.postr.api.payment.RecordPaymentOutcomeUnknownCommand;
import com.postr.api.payment.RecordPaymentRefundedCommand;
import com.postr.api.payment.RecordPaymentVoidedCommand;
import com.postr.command.payment.PaymentGateway.Declined;
import com.postr.command.payment.PaymentGateway.Indeterminate;
import com.postr.command.payment.PaymentGateway.Outcome;
import com.postr.command.payment.PaymentGateway.Succeeded;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Talks to the payment provider on behalf of the {@link Payment} aggregate. Each request event is acted on
 * after the transaction that delivered it has committed, on a worker thread with no transaction: a slow
 * provider never holds a database transaction, and no call happens inside one that stores events. The outcome
 * goes back as a command.
 * <p>
 * The processor starts at the head of the event stream and refuses replays: replaying old requests would call
 * the provider again after its idempotency keys have expired. A request lost in a crash between commit and
 * call is recovered by checkout's payment deadline (reconciliation), not by replay.
 */
@Component
@ProcessingGroup(PaymentGatewayWorker.PROCESSING_GROUP)
public class PaymentGatewayWorker {

    public static final String PROCESSING_GROUP = "payment-gateway";
    /** Authorization attempts that got no answer before the worker asks the provider what happened. */
    static final int RETRIES_BEFORE_LOOKUP = 3;

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayWorker.class);

    private final PaymentGateway gateway;
    private final CommandGateway commands;
    private final ScheduledExecutorService executor;

    PaymentGatewayWorker(PaymentGateway gateway, CommandGateway commands,
                         PaymentWorkerExecutor executor) {
        this.gateway = gateway;
        this.commands = commands;
        this.executor = executor.service();
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentAuthorizationRequestedEvent event) {
        var cause = cause();
        afterCommit(0, () -> recordAuthorization(cause, event.paymentId(), gateway.authorize(authorization(event))));
    }

    /** Retries with the same idempotency key, backing off; then asks the provider what became of the payment. */
    @EventHandler
    @DisallowReplay
    void on(PaymentOutcomeUnknownEvent event, Configuration configuration) {
        // the original request is needed to retry it; it is the first event of the payment
        var request = configuration.eventStore().readEvents(event.paymentId().value()).asStream()
                .map(m -> m.getPayload()).filter(PaymentAuthorizationRequestedEvent.class::isInstance)
                .map(PaymentAuthorizationRequestedEvent.class::cast).findFirst().orElseThrow();
        long delay = 200L << Math.min(event.attempts(), 6);
        var cause = cause();
        if (event.attempts() < RETRIES_BEFORE_LOOKUP) {
            afterCommit(delay, () -> recordAuthorization(cause, event.paymentId(),
                    gateway.authorize(authorization(request))));
        } else {
            afterCommit(delay, () -> {
                var found = gateway.lookup(event.paymentId().value());
                if (found instanceof Indeterminate) {
                    log.warn("Payment {} is still unresolved after {} attempts; checkout's deadline will void it",
                            event.paymentId(), event.attempts());
                    return;
                }
                recordAuthorization(cause, event.paymentId(), found);
            });
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentCaptureRequestedEvent event) {
        var cause = cause();
        afterCommit(0, () -> untilDone("capture " + event.paymentId(),
                () -> gateway.capture(event.providerReference(), event.amount(), event.idempotencyKey()),
                done -> send(cause, new RecordPaymentCapturedCommand(event.paymentId()))));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentVoidRequestedEvent event) {
        var cause = cause();
        if (event.providerReference() == null) {
            // no authorization recorded, but one may exist at the provider (a lost answer): ask, and cancel it
            afterCommit(0, () -> untilDone("void " + event.paymentId(), () -> {
                var found = gateway.lookup(event.paymentId().value());
                return found instanceof Succeeded s ? gateway.cancel(s.reference(), event.idempotencyKey())
                        : found instanceof Declined ? new Succeeded(null) : found;
            }, done -> send(cause, new RecordPaymentVoidedCommand(event.paymentId()))));
            return;
        }
        afterCommit(0, () -> untilDone("void " + event.paymentId(),
                () -> gateway.cancel(event.providerReference(), event.idempotencyKey()),
                done -> send(cause, new RecordPaymentVoidedCommand(event.paymentId()))));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundRequestedEvent event) {
        var cause = cause();
        afterCommit(0, () -> untilDone("refund " + event.paymentId() + " #" + event.refundNumber(),
                () -> gateway.refund(event.providerReference(), event.amount(), event.idempotencyKey(),
                        event.paymentId().value(), event.refundNumber()),
                done -> send(cause, new RecordPaymentRefundedCommand(event.paymentId(),
                        event.refundNumber(), done.reference()))));
    }

    private void recordAuthorization(MetaData cause, PaymentId paymentId, Outcome outcome) {
        if (outcome instanceof Succeeded s) {
            send(cause, new RecordPaymentAuthorizedCommand(paymentId, s.reference()));
        } else if (outcome instanceof Declined d) {
            send(cause, new RecordPaymentDeclinedCommand(paymentId, d.declineCode(), d.message()));
        } else if (outcome instanceof Indeterminate i) {
            send(cause, new RecordPaymentOutcomeUnknownCommand(paymentId, i.reason()));
        }
    }

    /**
     * The correlation data (trace, request id) of the event being handled. The outcome is reported from a
     * worker thread outside that event's unit of work, so it is attached by hand to keep the audit trail whole.
     */
    private static MetaData cause() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getCorrelationData() : MetaData.emptyInstance();
    }

    private void send(MetaData cause, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(cause));
    }

    /**
     * Capture, void and refund must eventually happen: retried with back-off (same idempotency key, so never
     * twice) while the provider gives no answer. A refusal is logged as an error for an operator: retrying the
     * same request cannot change Stripe's mind.
     */
    private void untilDone(String what, Supplier<Outcome> call, Consumer<Succeeded> record) {
        untilDone(what, call, record, 0);
    }

    private void untilDone(String what, Supplier<Outcome> call, Consumer<Succeeded> record,
                           int attempt) {
        var outcome = call.get();
        if (outcome instanceof Succeeded s) {
            record.accept(s);
        } else if (outcome instanceof Declined d) {
            log.error("Payment provider refused to {}: {} ({}); needs an operator", what, d.declineCode(),
                    d.message());
        } else if (outcome instanceof Indeterminate i) {
            long delay = Math.min(60_000, 500L << Math.min(attempt, 7));
            log.warn("No answer from the payment provider to {} ({}); retrying in {} ms", what, i.reason(), delay);
            executor.schedule(() -> untilDone(what, call, record, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void afterCommit(long delayMillis, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Payment gateway task failed", e);
            }
        };
        Runnable submit = () -> executor.schedule(guarded, delayMillis, TimeUnit.MILLISECONDS);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(uow -> submit.run());
        } else {
            submit.run();
        }
    }

    private static PaymentGateway.Authorization authorization(PaymentAuthorizationRequestedEvent event) {
        return new PaymentGateway.Authorization(event.paymentId().value(), event.orderId(), event.amount(),
                event.paymentMethodToken(), event.idempotencyKey());
    }
}
