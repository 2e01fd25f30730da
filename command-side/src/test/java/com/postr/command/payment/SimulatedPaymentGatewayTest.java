package com.postr.command.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.CardSummary;
import com.postr.command.payment.PaymentGateway.Authorization;
import com.postr.command.payment.PaymentGateway.Declined;
import com.postr.command.payment.PaymentGateway.Indeterminate;
import com.postr.command.payment.PaymentGateway.Succeeded;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedPaymentGatewayTest {

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(Duration.ofMillis(200));
    private static final Money TOTAL = Money.of("114.76", "USD");

    private static Authorization authorization(String paymentId, String token) {
        return new Authorization(paymentId, "ord_1", TOTAL, token, paymentId + ":authorize");
    }

    @Test
    void authorizesTheVisaTestCard() {
        assertThat(gateway.authorize(authorization("pay_1", "pm_card_visa"))).isInstanceOf(Succeeded.class);
    }

    @Test
    void reportsTheBrandAndLastFourOfStripesTestCards() {
        assertThat(((Succeeded) gateway.authorize(authorization("pay_c1", "pm_card_visa"))).card())
                .isEqualTo(new CardSummary("visa", "4242"));
        assertThat(((Succeeded) gateway.authorize(authorization("pay_c2", "pm_card_mastercard"))).card())
                .isEqualTo(new CardSummary("mastercard", "4444"));
        assertThat(((Succeeded) gateway.authorize(authorization("pay_c3", "tok_amex"))).card())
                .isEqualTo(new CardSummary("amex", "0005"));
        assertThat(((Succeeded) gateway.authorize(authorization("pay_c4", "tok_visa_1881"))).card())
                .isEqualTo(new CardSummary("visa", "1881"));
        gateway.authorize(authorization("pay_c5", "pm_card_indeterminate"));
        assertThat(((Succeeded) gateway.lookup("pay_c5")).card()).isEqualTo(new CardSummary("visa", "4242"));
    }

    @Test
    void declinesLikeStripesTestCardsDo() {
        assertThat(gateway.authorize(authorization("pay_2", "pm_card_chargeDeclined")))
                .isEqualTo(new Declined("generic_decline", "Your card was declined."));
        assertThat(gateway.authorize(authorization("pay_3", "pm_card_chargeDeclinedInsufficientFunds")))
                .extracting(o -> ((Declined) o).declineCode()).isEqualTo("insufficient_funds");
        assertThat(gateway.authorize(authorization("pay_4", "4242424242424242")))
                .extracting(o -> ((Declined) o).declineCode()).isEqualTo("invalid_payment_method");
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstOutcome() {
        var first = gateway.authorize(authorization("pay_5", "pm_card_visa"));
        var again = gateway.authorize(authorization("pay_5", "pm_card_visa"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void leavesAnIndeterminateAuthorizationToBeReconciledByLookup() {
        assertThat(gateway.authorize(authorization("pay_6", "pm_card_indeterminate"))).isInstanceOf(Indeterminate.class);
        assertThat(gateway.lookup("pay_6")).isInstanceOf(Succeeded.class);
        assertThat(gateway.lookup("pay_never")).isInstanceOf(Declined.class);
    }

    @Test
    void answersSlowlyForTheSlowTestCard() {
        long start = System.nanoTime();
        assertThat(gateway.authorize(authorization("pay_7", "pm_card_slow"))).isInstanceOf(Succeeded.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void capturesRefundsAndVoidsOnlyWhatTheStateAllows() {
        var reference = ((Succeeded) gateway.authorize(authorization("pay_8", "pm_card_visa"))).reference();
        assertThat(gateway.capture(reference, Money.of("200.00", "USD"), "k1")).isInstanceOf(Declined.class);
        assertThat(gateway.capture(reference, TOTAL, "k2")).isInstanceOf(Succeeded.class);
        assertThat(gateway.cancel(reference, "k3")).isInstanceOf(Declined.class);
        assertThat(gateway.refund(reference, Money.of("100.00", "USD"), "k4", "pay_8", 1)).isInstanceOf(Succeeded.class);
        assertThat(gateway.refund(reference, Money.of("20.00", "USD"), "k5", "pay_8", 2)).isInstanceOf(Declined.class);
        assertThat(gateway.refund(reference, Money.of("14.76", "USD"), "k6", "pay_8", 3)).isInstanceOf(Succeeded.class);

        var other = ((Succeeded) gateway.authorize(authorization("pay_9", "pm_card_visa"))).reference();
        assertThat(gateway.cancel(other, "k7")).isInstanceOf(Succeeded.class);
        assertThat(gateway.capture(other, TOTAL, "k8")).isInstanceOf(Declined.class);
    }
}
