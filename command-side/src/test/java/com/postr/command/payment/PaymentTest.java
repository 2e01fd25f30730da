package com.postr.command.payment;

import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.api.payment.CapturePaymentCommand;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentCaptureRequestedEvent;
import com.postr.api.payment.PaymentCapturedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.PaymentOutcomeUnknownEvent;
import com.postr.api.payment.PaymentRefundRequestedEvent;
import com.postr.api.payment.PaymentRefundedEvent;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.postr.command.support.Rejections.rejectedWith;

class PaymentTest {

    private static final PaymentId ID = new PaymentId("pay_1");
    private static final Money TOTAL = Money.of("114.76", "USD");

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    private static PaymentAuthorizationRequestedEvent requested() {
        return new PaymentAuthorizationRequestedEvent(ID, "ord_1", TOTAL, "pm_card_visa", "pay_1:authorize");
    }

    private static PaymentAuthorizedEvent authorized() {
        return new PaymentAuthorizedEvent(ID, "ord_1", "pi_1", TOTAL);
    }

    private static Object[] captured() {
        return new Object[] {requested(), authorized(),
                new PaymentCaptureRequestedEvent(ID, "pi_1", TOTAL, "pay_1:capture"),
                new PaymentCapturedEvent(ID, "ord_1", TOTAL)};
    }

    @Test
    void requestsAuthorizationUnderAKeyDerivedFromThePayment() {
        fixture.givenNoPriorActivity()
                .when(new RequestPaymentAuthorizationCommand(ID, "ord_1", TOTAL, "pm_card_visa"))
                .expectEvents(requested());
    }

    @Test
    void refusesAPaymentWithoutAmountOrMethod() {
        fixture.givenNoPriorActivity()
                .when(new RequestPaymentAuthorizationCommand(ID, "ord_1", Money.of("0", "USD"), "pm_card_visa"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.givenNoPriorActivity()
                .when(new RequestPaymentAuthorizationCommand(ID, "ord_1", TOTAL, " "))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void recordsAnAuthorizationOnceHoweverOftenItIsReported() {
        fixture.given(requested()).when(new RecordPaymentAuthorizedCommand(ID, "pi_1")).expectEvents(authorized());
        fixture.given(requested(), authorized()).when(new RecordPaymentAuthorizedCommand(ID, "pi_1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void recordsADeclineWithItsCode() {
        fixture.given(requested()).when(new RecordPaymentDeclinedCommand(ID, "insufficient_funds", "No funds"))
                .expectEvents(new PaymentDeclinedEvent(ID, "ord_1", "insufficient_funds", "No funds"));
        fixture.given(requested(), authorized()).when(new RecordPaymentDeclinedCommand(ID, "x", "y"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void countsUnknownOutcomesAndStillAcceptsTheReconciledAnswer() {
        fixture.given(requested(), new PaymentOutcomeUnknownEvent(ID, "ord_1", "timeout", 1))
                .when(new RecordPaymentOutcomeUnknownCommand(ID, "503"))
                .expectEvents(new PaymentOutcomeUnknownEvent(ID, "ord_1", "503", 2));
        fixture.given(requested(), new PaymentOutcomeUnknownEvent(ID, "ord_1", "timeout", 1))
                .when(new RecordPaymentAuthorizedCommand(ID, "pi_1"))
                .expectEvents(authorized());
    }

    @Test
    void capturesAnAuthorizedPaymentUnderItsOwnKey() {
        fixture.given(requested(), authorized()).when(new CapturePaymentCommand(ID))
                .expectEvents(new PaymentCaptureRequestedEvent(ID, "pi_1", TOTAL, "pay_1:capture"));
        fixture.given(requested(), authorized(), new PaymentCaptureRequestedEvent(ID, "pi_1", TOTAL, "pay_1:capture"))
                .when(new RecordPaymentCapturedCommand(ID))
                .expectEvents(new PaymentCapturedEvent(ID, "ord_1", TOTAL));
        fixture.given(requested()).when(new CapturePaymentCommand(ID))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void voidsAnAuthorizationButNotACapture() {
        fixture.given(requested(), authorized()).when(new VoidPaymentCommand(ID, "order cancelled"))
                .expectEvents(new PaymentVoidRequestedEvent(ID, "pi_1", "order cancelled", "pay_1:void"));
        fixture.given(requested(), authorized(), new PaymentVoidRequestedEvent(ID, "pi_1", "x", "pay_1:void"))
                .when(new RecordPaymentVoidedCommand(ID))
                .expectEvents(new PaymentVoidedEvent(ID, "ord_1"));
        fixture.given(captured()).when(new VoidPaymentCommand(ID, "too late"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
        fixture.given(requested(), new PaymentDeclinedEvent(ID, "ord_1", "card_declined", "no"))
                .when(new VoidPaymentCommand(ID, "cleanup"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void authorizationArrivingAfterAVoidIsVoidedAtTheProviderToo() {
        // checkout timed out and voided while the card was still being authorized; then the answer came
        fixture.given(requested(), new PaymentVoidRequestedEvent(ID, null, "no payment outcome in time", "pay_1:void"),
                        new PaymentVoidedEvent(ID, "ord_1"))
                .when(new RecordPaymentAuthorizedCommand(ID, "pi_late"))
                .expectEvents(new PaymentVoidRequestedEvent(ID, "pi_late", "authorized after the payment was voided",
                        "pay_1:void:pi_late"));
        fixture.given(requested(), new PaymentVoidRequestedEvent(ID, null, "x", "pay_1:void"),
                        new PaymentVoidedEvent(ID, "ord_1"),
                        new PaymentVoidRequestedEvent(ID, "pi_late", "late", "pay_1:void:pi_late"))
                .when(new RecordPaymentVoidedCommand(ID))
                .expectEvents(new PaymentVoidedEvent(ID, "ord_1"));
    }

    @Test
    void refundsPartlyAndFullyButNeverMoreThanCaptured() {
        fixture.given(captured()).when(new RefundPaymentCommand(ID, Money.of("14.76", "USD"), "damaged"))
                .expectEvents(new PaymentRefundRequestedEvent(ID, "pi_1", 1, Money.of("14.76", "USD"), "damaged",
                        "pay_1:refund:1"));

        var afterFirst = new Object[] {requested(), authorized(),
                new PaymentCaptureRequestedEvent(ID, "pi_1", TOTAL, "pay_1:capture"),
                new PaymentCapturedEvent(ID, "ord_1", TOTAL),
                new PaymentRefundRequestedEvent(ID, "pi_1", 1, Money.of("14.76", "USD"), "damaged", "pay_1:refund:1")};
        fixture.given(afterFirst).when(new RefundPaymentCommand(ID, Money.of("100.01", "USD"), "more"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(afterFirst).when(new RecordPaymentRefundedCommand(ID, 1, "re_1"))
                .expectEvents(new PaymentRefundedEvent(ID, "ord_1", 1, Money.of("14.76", "USD"), "re_1",
                        Money.of("14.76", "USD")));
        fixture.given(afterFirst).when(new RefundPaymentCommand(ID, Money.of("100.00", "USD"), "rest"))
                .expectEvents(new PaymentRefundRequestedEvent(ID, "pi_1", 2, Money.of("100.00", "USD"), "rest",
                        "pay_1:refund:2"));
    }

    @Test
    void refusesRefundsOfUncapturedPaymentsAndUnknownRefunds() {
        fixture.given(requested(), authorized()).when(new RefundPaymentCommand(ID, Money.of("1.00", "USD"), "x"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
        fixture.given(captured()).when(new RecordPaymentRefundedCommand(ID, 7, "re_x"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }
}
