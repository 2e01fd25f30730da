package com.postr.command.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.CardSummary;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;

import java.util.List;
import java.util.Locale;

/**
 * Stripe through the official client: a PaymentIntent with manual capture, confirmed at once with the
 * customer's payment method, captured, cancelled or refunded later. Every request carries the caller's
 * idempotency key, so a retried call returns Stripe's first answer instead of charging again.
 * <p>
 * Card errors are declines. Connection failures, timeouts, rate limits and Stripe's own 5xx are indeterminate:
 * Stripe may have acted, so the caller retries with the same key or reconciles with {@link #lookup}.
 */
public class StripePaymentGateway implements PaymentGateway {

    private final StripeClient stripe;

    public StripePaymentGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    @Override
    public Outcome authorize(Authorization request) {
        var params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().minorUnits())
                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                .setPaymentMethod(request.paymentMethodToken())
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .setConfirm(true)
                // cards only, so a confirmation never needs a redirect back to a return URL
                .addPaymentMethodType("card")
                .putMetadata("payment_id", request.paymentId())
                .putMetadata("order_id", request.orderId())
                // the card's brand and last four digits, for the order's payment summary
                .addExpand("payment_method")
                .build();
        return call(() -> {
            var intent = stripe.paymentIntents().create(params, options(request.idempotencyKey()));
            return authorizationOutcome(intent);
        });
    }

    @Override
    public Outcome capture(String reference, Money amount, String idempotencyKey) {
        var params = PaymentIntentCaptureParams.builder().setAmountToCapture(amount.minorUnits()).build();
        return call(() -> {
            var intent = stripe.paymentIntents().capture(reference, params, options(idempotencyKey));
            return "succeeded".equals(intent.getStatus()) ? new Succeeded(intent.getId())
                    : new Indeterminate("capture left the payment " + intent.getStatus());
        });
    }

    @Override
    public Outcome cancel(String reference, String idempotencyKey) {
        return call(() -> {
            var intent = stripe.paymentIntents().cancel(reference, PaymentIntentCancelParams.builder().build(),
                    options(idempotencyKey));
            return "canceled".equals(intent.getStatus()) ? new Succeeded(intent.getId())
                    : new Indeterminate("cancel left the payment " + intent.getStatus());
        });
    }

    @Override
    public Outcome refund(String reference, Money amount, String idempotencyKey, String paymentId, int refundNumber) {
        var params = RefundCreateParams.builder().setPaymentIntent(reference).setAmount(amount.minorUnits())
                .putMetadata("payment_id", paymentId).putMetadata("refund_number", Integer.toString(refundNumber))
                .build();
        return call(() -> {
            var refund = stripe.refunds().create(params, options(idempotencyKey));
            return switch (refund.getStatus()) {
                case "succeeded", "pending" -> new Succeeded(refund.getId());
                case "failed", "canceled" -> new Declined(refund.getFailureReason() == null ? "refund_failed"
                        : refund.getFailureReason(), "The refund failed");
                default -> new Indeterminate("refund is " + refund.getStatus());
            };
        });
    }

    /** Finds the PaymentIntent by the payment id put in its metadata at authorization. */
    @Override
    public Outcome lookup(String paymentId) {
        var params = PaymentIntentSearchParams.builder()
                .setQuery("metadata['payment_id']:'" + paymentId.replace("'", "") + "'")
                .addExpand("data.payment_method").build();
        return call(() -> {
            List<PaymentIntent> found = stripe.paymentIntents().search(params).getData();
            if (found.isEmpty()) {
                return new Declined("not_found", "Stripe has no payment for " + paymentId);
            }
            return authorizationOutcome(found.get(0));
        });
    }

    private static Outcome authorizationOutcome(PaymentIntent intent) {
        return switch (intent.getStatus()) {
            case "requires_capture", "succeeded" -> new Succeeded(intent.getId(), card(intent));
            case "requires_payment_method", "canceled" -> new Declined(declineCode(intent), "The payment was declined");
            // 3-D Secure or similar: the customer must act, which this flow cannot offer
            case "requires_action" -> new Declined("authentication_required", "The card needs authentication");
            default -> new Indeterminate("payment is " + intent.getStatus());
        };
    }

    private static CardSummary card(PaymentIntent intent) {
        var method = intent.getPaymentMethodObject();
        var card = method == null ? null : method.getCard();
        return card == null || card.getBrand() == null ? null : new CardSummary(card.getBrand(), card.getLast4());
    }

    private static String declineCode(PaymentIntent intent) {
        var error = intent.getLastPaymentError();
        if (error == null) {
            return "generic_decline";
        }
        return error.getDeclineCode() != null ? error.getDeclineCode()
                : error.getCode() != null ? error.getCode() : "generic_decline";
    }

    private interface StripeCall {
        Outcome run() throws StripeException;
    }

    private static Outcome call(StripeCall call) {
        try {
            return call.run();
        } catch (CardException e) {
            var code = e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode();
            return new Declined(code == null ? "card_declined" : code, e.getStripeError() == null ? e.getMessage()
                    : e.getStripeError().getMessage());
        } catch (InvalidRequestException e) {
            // a malformed or unknown payment method, or a state Stripe refuses: retrying cannot help
            var code = e.getCode() == null ? "invalid_request" : e.getCode();
            return new Declined(code, e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage());
        } catch (ApiConnectionException e) {
            return new Indeterminate("no answer from Stripe: " + e.getMessage());
        } catch (StripeException e) {
            // 429 and 5xx, and an authentication failure an operator must fix: none tells what Stripe did
            return new Indeterminate("Stripe answered " + e.getStatusCode() + ": " + e.getMessage());
        }
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
