package com.postr.command.payment;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.payment.CapturePaymentCommand;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentCaptureRequestedEvent;
import com.postr.api.payment.PaymentCapturedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentOutcomeUnknownEvent;
import com.postr.api.payment.PaymentRefundRequestedEvent;
import com.postr.api.payment.PaymentRefundedEvent;
import com.postr.api.payment.PaymentStatus;
import com.postr.api.payment.PaymentVoidRequestedEvent;
import com.postr.api.payment.PaymentVoidedEvent;
import com.postr.api.payment.RecordPaymentAuthorizedCommand;
import com.postr.api.payment.RecordPaymentCapturedCommand;
import com.postr.api.payment.RecordPaymentDeclinedCommand;
import com.postr.api.payment.RecordPaymentOutcomeUnknownCommand;
import com.postr.api.payment.RecordPaymentRefundedCommand;
import com.postr.api.payment.RecordPaymentVoidedCommand;
import com.postr.api.payment.RefundPaymentCommand;
import com.postr.api.payment.RequestPaymentAuthorizationCommand;
import com.postr.api.payment.VoidPaymentCommand;
import com.postr.command.support.StateTransitions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static com.postr.api.payment.PaymentStatus.AUTHORIZATION_REQUESTED;
import static com.postr.api.payment.PaymentStatus.AUTHORIZED;
import static com.postr.api.payment.PaymentStatus.CAPTURED;
import static com.postr.api.payment.PaymentStatus.CAPTURE_REQUESTED;
import static com.postr.api.payment.PaymentStatus.DECLINED;
import static com.postr.api.payment.PaymentStatus.OUTCOME_UNKNOWN;
import static com.postr.api.payment.PaymentStatus.VOIDED;
import static com.postr.api.payment.PaymentStatus.VOID_REQUESTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One payment of one order at the provider. The aggregate never calls the provider: it records each request
 * (with the idempotency key the call must use) and each outcome, so no gateway call ever happens inside the
 * transaction that stores events. Provider outcomes are recorded idempotently, because webhooks and
 * reconciliation may report the same thing twice.
 */
@Aggregate
class Payment {

    private static final Set<PaymentStatus> AWAITING_AUTHORIZATION = EnumSet.of(AUTHORIZATION_REQUESTED,
            OUTCOME_UNKNOWN);

    @AggregateIdentifier
    private String id;
    private String orderId;
    private PaymentStatus status;
    private Money amount;
    private String providerReference;
    private int unknownOutcomes;
    private Money refunded;
    private Money refundsPending;
    private final Map<Integer, Money> openRefunds = new HashMap<>();
    private int refundCount;

    protected Payment() {
        // for Axon
    }

    @CommandHandler
    Payment(RequestPaymentAuthorizationCommand command) {
        if (command.amount() == null || command.amount().signum() <= 0) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A payment needs a positive amount");
        }
        if (command.paymentMethodToken() == null || command.paymentMethodToken().isBlank()
                || command.orderId() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A payment needs an order and a payment method");
        }
        apply(new PaymentAuthorizationRequestedEvent(command.paymentId(), command.orderId(), command.amount(),
                command.paymentMethodToken(), command.paymentId().value() + ":authorize"));
    }

    @CommandHandler
    long handle(RecordPaymentAuthorizedCommand command) {
        if (status == AUTHORIZED || status == CAPTURE_REQUESTED || status == CAPTURED) {
            return getVersion(); // reported again (webhook after reconciliation, say)
        }
        if ((status == VOID_REQUESTED || status == VOIDED) && providerReference == null) {
            // voided while the authorization was still on its way (a checkout time-out): the money is now held
            // at the provider, so the void must reach it too
            apply(new PaymentVoidRequestedEvent(command.paymentId(), command.providerReference(),
                    "authorized after the payment was voided", id + ":void:" + command.providerReference()));
            return getVersion();
        }
        require(AWAITING_AUTHORIZATION, AUTHORIZED);
        apply(new PaymentAuthorizedEvent(command.paymentId(), orderId, command.providerReference(), amount,
                command.card()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPaymentDeclinedCommand command) {
        if (status == DECLINED) {
            return getVersion();
        }
        require(AWAITING_AUTHORIZATION, DECLINED);
        apply(new PaymentDeclinedEvent(command.paymentId(), orderId, command.declineCode(), command.message()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPaymentOutcomeUnknownCommand command) {
        require(AWAITING_AUTHORIZATION, OUTCOME_UNKNOWN);
        apply(new PaymentOutcomeUnknownEvent(command.paymentId(), orderId, command.reason(), unknownOutcomes + 1));
        return getVersion();
    }

    @CommandHandler
    long handle(CapturePaymentCommand command) {
        if (status == CAPTURE_REQUESTED || status == CAPTURED) {
            return getVersion();
        }
        require(EnumSet.of(AUTHORIZED), CAPTURE_REQUESTED);
        apply(new PaymentCaptureRequestedEvent(command.paymentId(), providerReference, amount,
                id + ":capture"));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPaymentCapturedCommand command) {
        if (status == CAPTURED) {
            return getVersion();
        }
        require(EnumSet.of(CAPTURE_REQUESTED), CAPTURED);
        apply(new PaymentCapturedEvent(command.paymentId(), orderId, amount));
        return getVersion();
    }

    /** Voids an authorization; voiding one that was declined or already voided changes nothing. */
    @CommandHandler
    long handle(VoidPaymentCommand command) {
        if (status == VOID_REQUESTED || status == VOIDED || status == DECLINED) {
            return getVersion();
        }
        require(EnumSet.of(AUTHORIZED, OUTCOME_UNKNOWN, AUTHORIZATION_REQUESTED), VOID_REQUESTED);
        apply(new PaymentVoidRequestedEvent(command.paymentId(), providerReference, command.reason(),
                id + ":void"));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPaymentVoidedCommand command) {
        if (status == VOIDED) {
            return getVersion();
        }
        require(EnumSet.of(VOID_REQUESTED), VOIDED);
        apply(new PaymentVoidedEvent(command.paymentId(), orderId));
        return getVersion();
    }

    @CommandHandler
    long handle(RefundPaymentCommand command) {
        require(EnumSet.of(CAPTURED), CAPTURED);
        var refundable = amount.minus(refunded).minus(refundsPending);
        if (command.amount() == null || command.amount().signum() <= 0
                || !command.amount().currency().equals(amount.currency())
                || command.amount().compareTo(refundable) > 0) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A refund is positive and at most the "
                    + refundable.amount().toPlainString() + " " + refundable.currency() + " still refundable",
                    Map.of("refundable", refundable.amount(), "currency", refundable.currency()));
        }
        int number = refundCount + 1;
        apply(new PaymentRefundRequestedEvent(command.paymentId(), providerReference, number, command.amount(),
                command.reason(), id + ":refund:" + number));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPaymentRefundedCommand command) {
        var pending = openRefunds.get(command.refundNumber());
        if (pending == null) {
            if (command.refundNumber() >= 1 && command.refundNumber() <= refundCount) {
                return getVersion(); // already recorded
            }
            throw new CommandRejectedException(VALIDATION_ERROR, "No refund #" + command.refundNumber()
                    + " was requested for payment " + id);
        }
        apply(new PaymentRefundedEvent(command.paymentId(), orderId, command.refundNumber(),
                pending, command.providerReference(), refunded.plus(pending)));
        return getVersion();
    }

    @EventSourcingHandler
    void on(PaymentAuthorizationRequestedEvent event) {
        id = event.paymentId().value();
        orderId = event.orderId();
        amount = event.amount();
        status = AUTHORIZATION_REQUESTED;
        refunded = Money.zero(amount.currency());
        refundsPending = Money.zero(amount.currency());
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        status = AUTHORIZED;
        providerReference = event.providerReference();
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        status = DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentOutcomeUnknownEvent event) {
        status = OUTCOME_UNKNOWN;
        unknownOutcomes = event.attempts();
    }

    @EventSourcingHandler
    void on(PaymentCaptureRequestedEvent event) {
        status = CAPTURE_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentCapturedEvent event) {
        status = CAPTURED;
    }

    @EventSourcingHandler
    void on(PaymentVoidRequestedEvent event) {
        status = VOID_REQUESTED;
        if (event.providerReference() != null) {
            providerReference = event.providerReference();
        }
    }

    @EventSourcingHandler
    void on(PaymentVoidedEvent event) {
        status = VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequestedEvent event) {
        refundCount = event.refundNumber();
        openRefunds.put(event.refundNumber(), event.amount());
        refundsPending = refundsPending.plus(event.amount());
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        var settled = openRefunds.remove(event.refundNumber());
        refundsPending = refundsPending.minus(settled);
        refunded = event.refundedSoFar();
    }

    private void require(Set<PaymentStatus> allowed, PaymentStatus target) {
        if (!allowed.contains(status)) {
            throw StateTransitions.refused("Payment", id, status, target, null);
        }
    }
}
