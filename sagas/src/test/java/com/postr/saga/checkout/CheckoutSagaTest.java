package com.postr.saga.checkout;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.common.Rejection;
import com.postr.api.common.RejectionCode;
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
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.SalesChannel;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PaymentMethodRef;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.RecordOrderRefundCommand;
import com.postr.api.order.ShippingAddress;
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
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.postr.saga.checkout.CheckoutSaga.ACTOR;
import static com.postr.saga.checkout.CheckoutSaga.PAYMENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckoutSagaTest {

    private static final Duration PAYMENT_WINDOW = Duration.ofMinutes(10);
    private static final Duration RESERVATION_TTL = Duration.ofMinutes(15);
    private static final OrderId ORDER = new OrderId("ord_1");
    private static final String ORDER_ID = ORDER.value();
    private static final PaymentId PAYMENT = PaymentId.forOrder(ORDER_ID);
    private static final Sku A3 = new Sku("SKU-A3");
    private static final Sku A2 = new Sku("SKU-A2");
    private static final Money TOTAL = Money.of("64.26", "EUR");

    private SagaTestFixture<CheckoutSaga> fixture;
    private Instant placedAt;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(CheckoutPolicy.Capture.ON_SHIPMENT);
    }

    private SagaTestFixture<CheckoutSaga> fixtureWith(CheckoutPolicy.Capture capture) {
        var saga = new SagaTestFixture<>(CheckoutSaga.class);
        saga.registerResource(new CheckoutPolicy(PAYMENT_WINDOW, RESERVATION_TTL, capture));
        placedAt = saga.currentTime();
        return saga;
    }

    @Test
    void placedOrderReservesEveryLineThenRequestsPaymentUnderATimeout() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID).publishes(placed(TOTAL))
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER_ID)
                .expectDispatchedCommands(
                        new ReserveStockCommand(A3, ORDER_ID, 2, placedAt.plus(RESERVATION_TTL)),
                        new ReserveStockCommand(A2, ORDER_ID, 1, placedAt.plus(RESERVATION_TTL)),
                        new RequestPaymentAuthorizationCommand(PAYMENT, ORDER_ID, TOTAL, "pm_card_visa"))
                .expectScheduledDeadlineWithName(PAYMENT_WINDOW, PAYMENT_TIMEOUT);
    }

    @Test
    void authorizedPaymentConfirmsTheOrderAndCommitsItsStock() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenAggregate(PAYMENT.value()).publishes(authorized())
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(confirmation())
                .expectNoScheduledDeadlines();
    }

    @Test
    void shipmentCapturesThePaymentByDefault() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .whenAggregate(ORDER_ID).publishes(new OrderShippedEvent(ORDER, "DHL", "00340434"))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CapturePaymentCommand(PAYMENT));
    }

    @Test
    void captureAndDeliveryEndCheckout() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .andThenAggregate(ORDER_ID).published(new OrderShippedEvent(ORDER, "DHL", "00340434"))
                .andThenAggregate(PAYMENT.value()).published(new PaymentCapturedEvent(PAYMENT, ORDER_ID, TOTAL))
                .whenAggregate(ORDER_ID).publishes(new OrderDeliveredEvent(ORDER))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void captureAtConfirmationWhenConfiguredSo() {
        fixtureWith(CheckoutPolicy.Capture.ON_CONFIRMATION)
                .givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenAggregate(PAYMENT.value()).publishes(authorized())
                .expectDispatchedCommandsMatching(confirmation(new CapturePaymentCommand(PAYMENT)::equals));
    }

    @Test
    void unreservableLineReleasesTheOthersAndCancelsOutOfStock() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve && reserve.sku().equals(A2)) {
                throw refused(RejectionCode.INSUFFICIENT_INVENTORY, "SKU SKU-A2 has 0 units available, 1 requested");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID).publishes(placed(TOTAL))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new ReserveStockCommand(A3, ORDER_ID, 2, placedAt.plus(RESERVATION_TTL)),
                        new ReserveStockCommand(A2, ORDER_ID, 1, placedAt.plus(RESERVATION_TTL)),
                        new ReleaseStockCommand(A3, ORDER_ID, "line SKU-A2 could not be reserved"),
                        new CancelOrderCommand(ORDER, CancellationReason.OUT_OF_STOCK,
                                "SKU SKU-A2 has 0 units available, 1 requested", ACTOR))
                .expectNoScheduledDeadlines();
    }

    @Test
    void declinedPaymentReleasesEveryLineAndCancels() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenAggregate(PAYMENT.value()).publishes(
                        new PaymentDeclinedEvent(PAYMENT, ORDER_ID, "insufficient_funds", "Your card was declined."))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new ReleaseStockCommand(A3, ORDER_ID, "payment declined"),
                        new ReleaseStockCommand(A2, ORDER_ID, "payment declined"),
                        new CancelOrderCommand(ORDER, CancellationReason.PAYMENT_DECLINED,
                                "The payment was declined (insufficient_funds)", ACTOR))
                .expectNoScheduledDeadlines();
    }

    @Test
    void noPaymentOutcomeInTimeVoidsReleasesAndCancels() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenTimeElapses(PAYMENT_WINDOW)
                .expectTriggeredDeadlinesWithName(PAYMENT_TIMEOUT)
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new VoidPaymentCommand(PAYMENT, "no payment outcome in time"),
                        new ReleaseStockCommand(A3, ORDER_ID, "payment timed out"),
                        new ReleaseStockCommand(A2, ORDER_ID, "payment timed out"),
                        new CancelOrderCommand(ORDER, CancellationReason.PAYMENT_TIMEOUT,
                                "No payment outcome within PT10M", ACTOR));
    }

    @Test
    void paymentOutcomeInTimeMeansTheTimeoutNeverFires() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .whenTimeElapses(PAYMENT_WINDOW.plusMinutes(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void lostReservationAtAuthorizationVoidsAndCancels() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve && reserve.sku().equals(A3)
                    && !reserve.expiresAt().equals(placedAt.plus(RESERVATION_TTL))) {
                throw refused(RejectionCode.INSUFFICIENT_INVENTORY, "SKU SKU-A3 has 1 units available, 2 requested");
            }
            return null;
        });
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenTimeAdvancesTo(placedAt.plus(Duration.ofMinutes(1)))
                .expectNoDispatchedCommands();
        fixture.whenAggregate(PAYMENT.value()).publishes(authorized())
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(
                        ReserveStockCommand.class::isInstance,
                        new VoidPaymentCommand(PAYMENT, "stock no longer available")::equals,
                        new ReleaseStockCommand(A3, ORDER_ID, "line SKU-A3 lost its reservation")::equals,
                        new ReleaseStockCommand(A2, ORDER_ID, "line SKU-A3 lost its reservation")::equals,
                        new CancelOrderCommand(ORDER, CancellationReason.OUT_OF_STOCK,
                                "SKU SKU-A3 has 1 units available, 2 requested", ACTOR)::equals));
    }

    @Test
    void customerCancellingBeforePaymentVoidsAndReleases() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .whenAggregate(ORDER_ID).publishes(cancelled(OrderStatus.PENDING, Money.zero("EUR")))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new VoidPaymentCommand(PAYMENT, "order cancelled before payment settled"),
                        new ReleaseStockCommand(A3, ORDER_ID, "order cancelled"),
                        new ReleaseStockCommand(A2, ORDER_ID, "order cancelled"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void cancellingAConfirmedOrderRestocksAndVoidsThenRecordsTheRefund() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .whenAggregate(ORDER_ID).publishes(cancelled(OrderStatus.CONFIRMED, TOTAL))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ReceiveStockCommand(A3, 2, "order ord_1 customer_request"),
                        new ReceiveStockCommand(A2, 1, "order ord_1 customer_request"),
                        new VoidPaymentCommand(PAYMENT, "order cancelled"));
        fixture.whenAggregate(PAYMENT.value()).publishes(new PaymentVoidedEvent(PAYMENT, ORDER_ID))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new RecordOrderRefundCommand(ORDER, TOTAL, "void " + PAYMENT.value()));
    }

    @Test
    void cancellingACapturedOrderRefundsThenRecordsTheRefund() {
        fixtureWith(CheckoutPolicy.Capture.ON_CONFIRMATION)
                .givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized(),
                        new PaymentCapturedEvent(PAYMENT, ORDER_ID, TOTAL))
                .whenAggregate(ORDER_ID).publishes(cancelled(OrderStatus.PROCESSING, TOTAL))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ReceiveStockCommand(A3, 2, "order ord_1 customer_request"),
                        new ReceiveStockCommand(A2, 1, "order ord_1 customer_request"),
                        new RefundPaymentCommand(PAYMENT, TOTAL, "order ord_1 cancelled"));
    }

    @Test
    void refundSettlingEndsCheckout() {
        fixtureWith(CheckoutPolicy.Capture.ON_CONFIRMATION)
                .givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized(),
                        new PaymentCapturedEvent(PAYMENT, ORDER_ID, TOTAL))
                .andThenAggregate(ORDER_ID).published(cancelled(OrderStatus.PROCESSING, TOTAL))
                .whenAggregate(PAYMENT.value()).publishes(
                        new PaymentRefundedEvent(PAYMENT, ORDER_ID, 1, TOTAL, "re_123", TOTAL))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new RecordOrderRefundCommand(ORDER, TOTAL, "re_123"));
    }

    @Test
    void cancellationWhileCaptureIsInFlightRefundsOnceItLands() {
        fixtureWith(CheckoutPolicy.Capture.ON_CONFIRMATION)
                .givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .andThenAggregate(ORDER_ID).published(cancelled(OrderStatus.CONFIRMED, TOTAL))
                .whenAggregate(PAYMENT.value()).publishes(new PaymentCapturedEvent(PAYMENT, ORDER_ID, TOTAL))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT, TOTAL, "order ord_1 cancelled"));
    }

    @Test
    void returnedShipmentIsRefundedAndRestocked() {
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL))
                .andThenAggregate(PAYMENT.value()).published(authorized())
                .andThenAggregate(ORDER_ID).published(new OrderShippedEvent(ORDER, "DHL", "1"))
                .andThenAggregate(PAYMENT.value()).published(new PaymentCapturedEvent(PAYMENT, ORDER_ID, TOTAL))
                .whenAggregate(ORDER_ID).publishes(new OrderCancelledEvent(ORDER, OrderStatus.SHIPPED,
                        CancellationReason.RETURNED, null, "support", TOTAL))
                .expectDispatchedCommands(
                        new ReceiveStockCommand(A3, 2, "order ord_1 returned"),
                        new ReceiveStockCommand(A2, 1, "order ord_1 returned"),
                        new RefundPaymentCommand(PAYMENT, TOTAL, "order ord_1 cancelled"));
    }

    @Test
    void orderWithNothingToPayIsConfirmedWithoutAPayment() {
        var free = Money.zero("EUR");
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID).publishes(placed(free))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(confirmation())
                .expectNoScheduledDeadlines();
    }

    @Test
    void failureOtherThanARefusalFailsTheEventSoItIsRetried() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReleaseStockCommand) {
                throw new IllegalStateException("database unavailable");
            }
            return null;
        });
        // as in the app (AxonInfrastructureConfiguration): a failing handler fails the event instead of being logged
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.givenAggregate(ORDER_ID).published(placed(TOTAL));
        assertThatThrownBy(() -> fixture.whenAggregate(PAYMENT.value()).publishes(
                new PaymentDeclinedEvent(PAYMENT, ORDER_ID, "generic_decline", "declined")))
                .hasRootCauseMessage("database unavailable");
    }

    private static OrderPlacedEvent placed(Money total) {
        var lines = List.of(
                new OrderLine(A3, new ProductId("prod_1"), "Blue Hour (A3)", 2, Money.of("19.99", "EUR"),
                        Money.of("39.98", "EUR")),
                new OrderLine(A2, new ProductId("prod_2"), "Dune (A2)", 1, Money.of("24.99", "EUR"),
                        Money.of("24.99", "EUR")));
        var prices = new PriceBreakdown(total, Money.zero("EUR"), Money.zero("EUR"), Money.zero("EUR"), total);
        return new OrderPlacedEvent(ORDER, "cus_1", lines, prices, null,
                new ShippingAddress("Ada", "Main St 1", "Berlin", null, "10115", "DE"),
                new PaymentMethodRef("card", "pm_card_visa"), null, SalesChannel.WEB);
    }

    private static PaymentAuthorizedEvent authorized() {
        return new PaymentAuthorizedEvent(PAYMENT, ORDER_ID, "pi_1", TOTAL);
    }

    private static OrderCancelledEvent cancelled(OrderStatus from, Money refundDue) {
        return new OrderCancelledEvent(ORDER, from, CancellationReason.CUSTOMER_REQUEST, null, "cus_1", refundDue);
    }

    private static CommandExecutionException refused(RejectionCode code, String message) {
        return new CommandExecutionException(message, null, new Rejection(code, message, Map.of()));
    }

    /**
     * What confirming dispatches: both reservations re-asserted (a no-op while they are held), the order
     * confirmed, its stock committed; then {@code more}.
     */
    @SafeVarargs
    private static org.hamcrest.Matcher<List<? super org.axonframework.commandhandling.CommandMessage<?>>> confirmation(
            Predicate<Object>... more) {
        var expected = new java.util.ArrayList<Predicate<Object>>(List.of(
                ReserveStockCommand.class::isInstance,
                ReserveStockCommand.class::isInstance,
                new ConfirmOrderCommand(ORDER)::equals,
                new CommitStockCommand(A3, ORDER_ID)::equals,
                new CommitStockCommand(A2, ORDER_ID)::equals));
        expected.addAll(List.of(more));
        @SuppressWarnings("unchecked")
        Predicate<Object>[] all = expected.toArray(new Predicate[0]);
        return commands(all);
    }

    /** Matches the dispatched commands' payloads, in order, one predicate each. */
    @SafeVarargs
    private static org.hamcrest.Matcher<List<? super org.axonframework.commandhandling.CommandMessage<?>>> commands(
            Predicate<Object>... expected) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<? super org.axonframework.commandhandling.CommandMessage<?>> actual) {
                if (actual.size() != expected.length) {
                    return false;
                }
                for (int i = 0; i < expected.length; i++) {
                    var payload = ((org.axonframework.commandhandling.CommandMessage<?>) actual.get(i)).getPayload();
                    if (!expected[i].test(payload)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(expected.length + " commands matching the expected sequence");
            }
        };
    }
}
