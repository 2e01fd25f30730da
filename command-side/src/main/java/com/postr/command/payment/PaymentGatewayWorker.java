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
import com.postr.api.common.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.postr.command.spi.NodeLease;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

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
 * the provider again after its idempotency keys have expired. Instead every request is written to
 * {@code payment_task} in the same transaction that moves the processor past it (an outbox), and deleted once
 * its outcome is recorded. A task left by a node that died (its {@link NodeLease} went stale), or whose outcome
 * could not be recorded, is picked up again by any node and re-sent with the same idempotency key, so the
 * provider answers it once and the outcome is applied (ADR 13).
 */
@Component
@ProcessingGroup(PaymentGatewayWorker.PROCESSING_GROUP)
public class PaymentGatewayWorker {

    public static final String PROCESSING_GROUP = "payment-gateway";
    /** Authorization attempts that got no answer before the worker asks the provider what happened. */
    static final int RETRIES_BEFORE_LOOKUP = 3;
    /** How long a task whose outcome could not be recorded waits before any node tries it again. */
    private static final int RETRY_FAILED_TASK_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayWorker.class);

    private final PaymentGateway gateway;
    private final CommandGateway commands;
    private final ScheduledExecutorService executor;
    private final JdbcTemplate jdbc;
    private final NodeLease node;
    private final EventStore eventStore;

    PaymentGatewayWorker(PaymentGateway gateway, CommandGateway commands, PaymentWorkerExecutor executor,
                         JdbcTemplate jdbc, NodeLease node, EventStore eventStore) {
        this.gateway = gateway;
        this.commands = commands;
        this.executor = executor.service();
        this.jdbc = jdbc;
        this.node = node;
        this.eventStore = eventStore;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentAuthorizationRequestedEvent event, EventMessage<?> message) {
        enqueue(message, event.paymentId());
    }

    /** Retries with the same idempotency key, backing off; then asks the provider what became of the payment. */
    @EventHandler
    @DisallowReplay
    void on(PaymentOutcomeUnknownEvent event, EventMessage<?> message) {
        enqueue(message, event.paymentId());
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentCaptureRequestedEvent event, EventMessage<?> message) {
        enqueue(message, event.paymentId());
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentVoidRequestedEvent event, EventMessage<?> message) {
        enqueue(message, event.paymentId());
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundRequestedEvent event, EventMessage<?> message) {
        enqueue(message, event.paymentId());
    }

    /** Records the task with the processor's transaction, and runs it here once that has committed. */
    private void enqueue(EventMessage<?> message, PaymentId paymentId) {
        jdbc.update("""
                INSERT INTO payment_task (event_id, payment_id, owner_node, due_at) VALUES (?, ?, ?, now())
                ON CONFLICT (event_id) DO NOTHING""", message.getIdentifier(), paymentId.value(), node.nodeId());
        var cause = cause();
        Runnable start = () -> run(message.getIdentifier(), message.getPayload(), cause, true);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(uow -> start.run());
        } else {
            start.run();
        }
    }

    /**
     * Takes over the tasks of nodes that are gone and the tasks whose outcome could not be recorded, and runs
     * them again from their stored request events.
     */
    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    void recover() {
        List<Map<String, Object>> orphans;
        try {
            orphans = jdbc.queryForList("""
                    UPDATE payment_task SET owner_node = ?, due_at = now()
                    WHERE event_id IN (SELECT event_id FROM payment_task
                                       WHERE due_at <= now() AND (owner_node IS NULL OR %s)
                                       ORDER BY due_at LIMIT 50 FOR UPDATE SKIP LOCKED)
                    RETURNING event_id, payment_id""".formatted(NodeLease.deadOwner("payment_task.owner_node")),
                    node.nodeId());
        } catch (RuntimeException e) {
            log.debug("Could not look for payment tasks to recover (database away?): {}", e.toString());
            return;
        }
        for (var orphan : orphans) {
            var eventId = (String) orphan.get("event_id");
            var request = eventStore.readEvents((String) orphan.get("payment_id")).asStream()
                    .filter(m -> m.getIdentifier().equals(eventId)).findFirst();
            if (request.isEmpty()) {
                log.error("Payment task {} names no event of payment {}; dropping it", eventId, orphan.get("payment_id"));
                done(eventId);
                continue;
            }
            log.info("Resuming payment task {} ({}) left unfinished", eventId,
                    request.get().getPayloadType().getSimpleName());
            var event = request.get();
            var cause = MetaData.from(event.getMetaData());
            executor.execute(() -> run(eventId, event.getPayload(), cause, false));
        }
    }

    private void run(String taskId, Object request, MetaData cause, boolean firstRun) {
        Runnable work;
        if (request instanceof PaymentAuthorizationRequestedEvent event) {
            work = () -> {
                recordAuthorization(cause, event.paymentId(), gateway.authorize(authorization(event)));
                done(taskId);
            };
        } else if (request instanceof PaymentOutcomeUnknownEvent event) {
            work = () -> retryAuthorization(taskId, event, cause);
        } else if (request instanceof PaymentCaptureRequestedEvent event) {
            work = () -> untilDone(taskId, "capture " + event.paymentId(),
                    () -> gateway.capture(event.providerReference(), event.amount(), event.idempotencyKey()),
                    captured -> send(cause, new RecordPaymentCapturedCommand(event.paymentId())));
        } else if (request instanceof PaymentVoidRequestedEvent event) {
            work = () -> untilDone(taskId, "void " + event.paymentId(), () -> voidAtProvider(event),
                    voided -> send(cause, new RecordPaymentVoidedCommand(event.paymentId())));
        } else if (request instanceof PaymentRefundRequestedEvent event) {
            work = () -> untilDone(taskId, "refund " + event.paymentId() + " #" + event.refundNumber(),
                    () -> gateway.refund(event.providerReference(), event.amount(), event.idempotencyKey(),
                            event.paymentId().value(), event.refundNumber()),
                    refunded -> send(cause, new RecordPaymentRefundedCommand(event.paymentId(),
                            event.refundNumber(), refunded.reference())));
        } else {
            work = () -> {
                log.error("Payment task {} holds an unexpected {}; dropping it", taskId, request.getClass());
                done(taskId);
            };
        }
        long delay = firstRun && request instanceof PaymentOutcomeUnknownEvent unknown
                ? 200L << Math.min(unknown.attempts(), 6) : 0;
        executor.schedule(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Payment task {} failed; it will be tried again", taskId, e);
                retryLater(taskId);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void retryAuthorization(String taskId, PaymentOutcomeUnknownEvent event, MetaData cause) {
        // the original request is needed to retry it; it is the first event of the payment
        var request = eventStore.readEvents(event.paymentId().value()).asStream()
                .map(m -> m.getPayload()).filter(PaymentAuthorizationRequestedEvent.class::isInstance)
                .map(PaymentAuthorizationRequestedEvent.class::cast).findFirst().orElseThrow();
        if (event.attempts() < RETRIES_BEFORE_LOOKUP) {
            recordAuthorization(cause, event.paymentId(), gateway.authorize(authorization(request)));
        } else {
            var found = gateway.lookup(event.paymentId().value());
            if (found instanceof Indeterminate) {
                log.warn("Payment {} is still unresolved after {} attempts; checkout's deadline will void it",
                        event.paymentId(), event.attempts());
            } else {
                recordAuthorization(cause, event.paymentId(), found);
            }
        }
        done(taskId);
    }

    /** No authorization recorded, but one may exist at the provider (a lost answer): ask, and cancel it. */
    private Outcome voidAtProvider(PaymentVoidRequestedEvent event) {
        if (event.providerReference() != null) {
            return gateway.cancel(event.providerReference(), event.idempotencyKey());
        }
        var found = gateway.lookup(event.paymentId().value());
        return found instanceof Succeeded s ? gateway.cancel(s.reference(), event.idempotencyKey())
                : found instanceof Declined ? new Succeeded(null) : found;
    }

    private void done(String taskId) {
        jdbc.update("DELETE FROM payment_task WHERE event_id = ?", taskId);
    }

    /** Any node may take the task again after a pause (this one included). */
    private void retryLater(String taskId) {
        try {
            jdbc.update("UPDATE payment_task SET owner_node = NULL, due_at = now() + make_interval(secs => ?) "
                    + "WHERE event_id = ?", RETRY_FAILED_TASK_SECONDS, taskId);
        } catch (RuntimeException e) {
            // the database is away too. Recovery only takes tasks of nodes that are gone, and this one is alive:
            // until the hand-back lands, the order would wait for a restart (DatabaseRestartTest saw it)
            log.warn("Could not hand payment task {} back; trying again in {} s: {}", taskId,
                    RETRY_FAILED_TASK_SECONDS, e.toString());
            executor.schedule(() -> retryLater(taskId), RETRY_FAILED_TASK_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void recordAuthorization(MetaData cause, PaymentId paymentId, Outcome outcome) {
        if (outcome instanceof Succeeded s) {
            send(cause, new RecordPaymentAuthorizedCommand(paymentId, s.reference(), s.card()));
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

    /**
     * Records an outcome. A refusal means the payment is already past it (an authorization arriving after the
     * payment was declined or voided, a repeat after a crash): the outcome is moot and the task is done; only a
     * failure to record at all leaves the task to be tried again.
     */
    private void send(MetaData cause, Object command) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(cause));
        } catch (CommandExecutionException e) {
            if (e.getDetails().filter(Rejection.class::isInstance).isEmpty()) {
                throw e;
            }
            log.info("Payment outcome {} not recorded: {}", command.getClass().getSimpleName(), e.getMessage());
        }
    }

    /**
     * Capture, void and refund must eventually happen: retried with back-off (same idempotency key, so never
     * twice) while the provider gives no answer. A refusal is logged as an error for an operator: retrying the
     * same request cannot change Stripe's mind.
     */
    private void untilDone(String taskId, String what, Supplier<Outcome> call, Consumer<Succeeded> record) {
        untilDone(taskId, what, call, record, 0);
    }

    private void untilDone(String taskId, String what, Supplier<Outcome> call, Consumer<Succeeded> record,
                           int attempt) {
        var outcome = call.get();
        if (outcome instanceof Succeeded s) {
            record.accept(s);
            done(taskId);
        } else if (outcome instanceof Declined d) {
            log.error("Payment provider refused to {}: {} ({}); needs an operator", what, d.declineCode(),
                    d.message());
            done(taskId);
        } else if (outcome instanceof Indeterminate i) {
            long delay = Math.min(60_000, 500L << Math.min(attempt, 7));
            log.warn("No answer from the payment provider to {} ({}); retrying in {} ms", what, i.reason(), delay);
            executor.schedule(() -> {
                try {
                    untilDone(taskId, what, call, record, attempt + 1);
                } catch (RuntimeException e) {
                    log.error("Payment task {} failed; it will be tried again", taskId, e);
                    retryLater(taskId);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static PaymentGateway.Authorization authorization(PaymentAuthorizationRequestedEvent event) {
        return new PaymentGateway.Authorization(event.paymentId().value(), event.orderId(), event.amount(),
                event.paymentMethodToken(), event.idempotencyKey());
    }
}
