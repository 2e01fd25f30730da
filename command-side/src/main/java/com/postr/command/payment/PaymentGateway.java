package com.postr.command.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.CardSummary;

/**
 * What the shop asks of a payment provider. Every call carries an idempotency key derived from the payment and
 * the operation, so repeating a call (after a timeout, say) never charges twice. Outcomes are three-valued:
 * a provider that cannot be reached may or may not have acted, and that must be reconciled, not guessed.
 */
public interface PaymentGateway {

    /** Authorizes {@code amount} on the payment method, to be captured later. */
    Outcome authorize(Authorization request);

    Outcome capture(String providerReference, Money amount, String idempotencyKey);

    /** Voids an authorization that was not captured. */
    Outcome cancel(String providerReference, String idempotencyKey);

    /** Refunds {@code amount}; {@code paymentId} and {@code refundNumber} let webhooks name the refund later. */
    Outcome refund(String providerReference, Money amount, String idempotencyKey, String paymentId, int refundNumber);

    /** Asks the provider what became of an authorization whose outcome was indeterminate. */
    Outcome lookup(String paymentId);

    record Authorization(String paymentId, String orderId, Money amount, String paymentMethodToken,
                         String idempotencyKey) {
    }

    sealed interface Outcome {
    }

    /**
     * The provider did it; {@code reference} identifies the payment there (a PaymentIntent id for Stripe), and
     * {@code card} is what it says of the card for an authorization (null otherwise).
     */
    record Succeeded(String reference, CardSummary card) implements Outcome {

        public Succeeded(String reference) {
            this(reference, null);
        }
    }

    /** The provider refused, for a reason the customer can act on ({@code insufficient_funds}, ...). */
    record Declined(String declineCode, String message) implements Outcome {
    }

    /** No answer (timeout, connection, provider error): it may have happened; retry or reconcile. */
    record Indeterminate(String reason) implements Outcome {
    }
}
