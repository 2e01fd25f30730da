package com.postr.command.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.CardSummary;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default gateway when no Stripe key is configured: behaves like Stripe's test payment methods, so every
 * checkout path can be driven over HTTP.
 * <ul>
 *   <li>{@code pm_card_visa}, {@code pm_card_mastercard}, {@code pm_card_amex} and any other {@code pm_card_*} or
 *       {@code tok_*} token not listed below: authorized;</li>
 *   <li>{@code pm_card_chargeDeclined}: declined, {@code generic_decline};</li>
 *   <li>{@code pm_card_chargeDeclinedInsufficientFunds}: declined, {@code insufficient_funds};</li>
 *   <li>{@code pm_card_chargeDeclinedExpiredCard}: declined, {@code expired_card};</li>
 *   <li>{@code pm_card_chargeDeclinedFraudulent}: declined, {@code fraudulent};</li>
 *   <li>{@code pm_card_indeterminate}: the authorization call gets no answer, but the payment was authorized, as a
 *       {@link #lookup} then shows;</li>
 *   <li>{@code pm_card_slow}: authorized after {@code slowDelay} (for time-out paths).</li>
 * </ul>
 * Like Stripe, a repeated idempotency key returns the first outcome. State is kept in memory.
 */
public class SimulatedPaymentGateway implements PaymentGateway {

    private static final Map<String, String> DECLINES = Map.of(
            "pm_card_chargeDeclined", "generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds",
            "pm_card_chargeDeclinedExpiredCard", "expired_card",
            "pm_card_chargeDeclinedFraudulent", "fraudulent");

    private final Duration slowDelay;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Outcome> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, String> referenceByPayment = new ConcurrentHashMap<>();
    private final Map<String, Intent> intents = new ConcurrentHashMap<>();

    /** A simulated PaymentIntent: what was authorized, captured and refunded. */
    private record Intent(Money authorized, Money captured, Money refunded, boolean cancelled, CardSummary card) {
    }

    /** Stripe's test cards: the last four digits of each brand's test number. */
    private static final Map<String, String> TEST_CARD_LAST4 = Map.of("visa", "4242", "mastercard", "4444",
            "amex", "0005", "discover", "1117", "diners", "0004", "jcb", "0505", "unionpay", "0005");

    /**
     * The card a test token stands for: {@code pm_card_mastercard} or {@code tok_mastercard} is a Mastercard,
     * {@code tok_visa_4242} a Visa ending in 4242; the simulator's other cards are Visas, as Stripe's are.
     */
    static CardSummary cardOf(String token) {
        var name = token.substring(token.startsWith("pm_card_") ? "pm_card_".length() : "tok_".length());
        var parts = name.split("_");
        var brand = parts[0].toLowerCase(java.util.Locale.ROOT);
        if (!TEST_CARD_LAST4.containsKey(brand)) {
            return new CardSummary("visa", "4242");
        }
        var last4 = parts.length > 1 && parts[1].matches("[0-9]{4}") ? parts[1] : TEST_CARD_LAST4.get(brand);
        return new CardSummary(brand, last4);
    }

    public SimulatedPaymentGateway(Duration slowDelay) {
        this.slowDelay = slowDelay;
    }

    @Override
    public Outcome authorize(Authorization request) {
        var known = byIdempotencyKey.get(request.idempotencyKey());
        if (known != null) {
            return known;
        }
        if (request.paymentMethodToken().equals("pm_card_slow")) {
            // outside computeIfAbsent: sleeping there would hold a lock of the map (and stall its resizing), so
            // one slow card would hold up every other payment's answer
            sleep(slowDelay);
        }
        return byIdempotencyKey.computeIfAbsent(request.idempotencyKey(), key -> {
            var token = request.paymentMethodToken();
            var decline = DECLINES.get(token);
            if (decline != null) {
                return new Declined(decline, "Your card was declined.");
            }
            if (!token.startsWith("pm_card_") && !token.startsWith("tok_")) {
                return new Declined("invalid_payment_method", "No such payment method: " + token);
            }
            var reference = "pi_sim_" + sequence.incrementAndGet();
            var card = cardOf(token);
            intents.put(reference, new Intent(request.amount(), zero(request.amount()), zero(request.amount()), false,
                    card));
            referenceByPayment.put(request.paymentId(), reference);
            return token.equals("pm_card_indeterminate")
                    ? new Indeterminate("simulated: no answer from the provider")
                    : new Succeeded(reference, card);
        });
    }

    @Override
    public Outcome capture(String reference, Money amount, String idempotencyKey) {
        return byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> update(reference, intent -> {
            if (intent.cancelled() || amount.compareTo(intent.authorized()) > 0 || intent.captured().signum() > 0) {
                return Optional.empty();
            }
            return Optional.of(new Intent(intent.authorized(), amount, intent.refunded(), false, intent.card()));
        }));
    }

    @Override
    public Outcome cancel(String reference, String idempotencyKey) {
        return byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> update(reference, intent ->
                intent.captured().signum() > 0 ? Optional.empty()
                        : Optional.of(new Intent(intent.authorized(), intent.captured(), intent.refunded(), true,
                        intent.card()))));
    }

    @Override
    public Outcome refund(String reference, Money amount, String idempotencyKey, String paymentId, int refundNumber) {
        return byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> update(reference, intent -> {
            var refunded = intent.refunded().plus(amount);
            return refunded.compareTo(intent.captured()) > 0 ? Optional.empty()
                    : Optional.of(new Intent(intent.authorized(), intent.captured(), refunded, intent.cancelled(),
                    intent.card()));
        }));
    }

    @Override
    public Outcome lookup(String paymentId) {
        var reference = referenceByPayment.get(paymentId);
        return reference == null ? new Declined("not_found", "No payment attempt for " + paymentId)
                : new Succeeded(reference, intents.get(reference).card());
    }

    private Outcome update(String reference, java.util.function.Function<Intent, Optional<Intent>> change) {
        var intent = intents.get(reference);
        if (intent == null) {
            return new Declined("resource_missing", "No such payment: " + reference);
        }
        var changed = change.apply(intent);
        if (changed.isEmpty()) {
            return new Declined("payment_intent_unexpected_state", "The payment cannot do that now");
        }
        intents.put(reference, changed.get());
        return new Succeeded(reference);
    }

    private static Money zero(Money like) {
        return Money.zero(like.currency());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
