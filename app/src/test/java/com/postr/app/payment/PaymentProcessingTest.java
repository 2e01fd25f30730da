package com.postr.app.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.CapturePaymentCommand;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.RefundPaymentCommand;
import com.postr.api.payment.RequestPaymentAuthorizationCommand;
import com.postr.api.payment.VoidPaymentCommand;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Payments end to end through the gateway worker and the simulated provider, on real PostgreSQL. */
@PostrIntegrationTest
class PaymentProcessingTest {

    private static final Money TOTAL = Money.of("63.21", "EUR");

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;

    private List<String> eventTypes(PaymentId id) {
        return events.readEvents(id.value()).asStream().map(m -> m.getPayloadType().getSimpleName()).toList();
    }

    private List<String> awaitEvent(PaymentId id, String type) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!eventTypes(id).contains(type) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(eventTypes(id)).contains(type);
        return eventTypes(id);
    }

    private PaymentId request(String token) {
        var id = PaymentId.generate();
        commands.sendAndWait(new RequestPaymentAuthorizationCommand(id, "ord_" + id.value(), TOTAL, token));
        return id;
    }

    @Test
    void authorizesCapturesAndRefundsAVisaPayment() throws InterruptedException {
        var id = request("pm_card_visa");
        awaitEvent(id, "PaymentAuthorizedEvent");

        commands.sendAndWait(new CapturePaymentCommand(id));
        awaitEvent(id, "PaymentCapturedEvent");

        commands.sendAndWait(new RefundPaymentCommand(id, Money.of("13.21", "EUR"), "damaged frame"));
        var all = awaitEvent(id, "PaymentRefundedEvent");
        assertThat(all).containsExactly("PaymentAuthorizationRequestedEvent", "PaymentAuthorizedEvent",
                "PaymentCaptureRequestedEvent", "PaymentCapturedEvent", "PaymentRefundRequestedEvent",
                "PaymentRefundedEvent");
    }

    @Test
    void recordsADeclineWithTheCardsCode() throws InterruptedException {
        var id = request("pm_card_chargeDeclinedInsufficientFunds");
        awaitEvent(id, "PaymentDeclinedEvent");
        assertThat(events.readEvents(id.value()).asStream().map(m -> m.getPayload()).filter(
                p -> p instanceof PaymentDeclinedEvent).findFirst().orElseThrow())
                .extracting(p -> ((PaymentDeclinedEvent) p).declineCode())
                .isEqualTo("insufficient_funds");
    }

    @Test
    void retriesAnUnansweredAuthorizationThenReconcilesIt() throws InterruptedException {
        var id = request("pm_card_indeterminate");
        var all = awaitEvent(id, "PaymentAuthorizedEvent");
        assertThat(all.stream().filter("PaymentOutcomeUnknownEvent"::equals).count()).isEqualTo(3);
        assertThat(all).last().isEqualTo("PaymentAuthorizedEvent");
    }

    @Test
    void voidsAnAuthorizationAtTheProvider() throws InterruptedException {
        var id = request("pm_card_visa");
        awaitEvent(id, "PaymentAuthorizedEvent");
        commands.sendAndWait(new VoidPaymentCommand(id, "order cancelled"));
        awaitEvent(id, "PaymentVoidedEvent");
    }
}
