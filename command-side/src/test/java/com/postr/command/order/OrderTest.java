package com.postr.command.order;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.api.order.CancelOrderAsCustomerCommand;
import com.postr.api.order.CancelOrderCommand;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.ConfirmOrderCommand;
import com.postr.api.order.DeliverOrderCommand;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.SalesChannel;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PaymentMethodRef;
import com.postr.api.order.PlaceOrderCommand;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.RecordOrderRefundCommand;
import com.postr.api.order.RefundStatus;
import com.postr.api.order.RequestedItem;
import com.postr.api.order.ShipOrderCommand;
import com.postr.api.order.ShippingAddress;
import com.postr.api.order.StartOrderProcessingCommand;
import com.postr.command.pricing.PricingPolicy;
import com.postr.command.promo.PromoCodes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.postr.command.support.Rejections.rejectedWith;
import static com.postr.api.order.OrderStatus.CANCELLED;
import static com.postr.api.order.OrderStatus.CONFIRMED;
import static com.postr.api.order.OrderStatus.DELIVERED;
import static com.postr.api.order.OrderStatus.PENDING;
import static com.postr.api.order.OrderStatus.PROCESSING;
import static com.postr.api.order.OrderStatus.SHIPPED;

class OrderTest {

    private static final OrderId ID = new OrderId("ord_1");
    private static final ShippingAddress SF = new ShippingAddress("John Doe", "123 Main St", "San Francisco", "CA",
            "94102", "US");
    private static final PaymentMethodRef VISA = new PaymentMethodRef("card", "pm_card_visa");
    private static final PricingPolicy USD = new PricingPolicy("USD", Map.of("US", new BigDecimal("5.99")),
            new BigDecimal("150.00"), Map.of("US-CA", new BigDecimal("0.088")));
    private static final Map<Sku, PriceLookup.PricedSku> PRICES = Map.of(
            new Sku("WAVE-A3"), priced("WAVE-A3", "Great Wave A3", "29.99", "USD", true),
            new Sku("MONA-A2"), priced("MONA-A2", "Mona Lisa A2", "49.99", "USD", true),
            new Sku("OLD-A4"), priced("OLD-A4", "Retired", "9.99", "USD", false),
            new Sku("EURO-A4"), priced("EURO-A4", "Priced in euro", "9.99", "EUR", true));

    private AggregateTestFixture<Order> fixture;

    private static PriceLookup.PricedSku priced(String sku, String title, String price, String currency, boolean forSale) {
        return new PriceLookup.PricedSku(new Sku(sku), new ProductId("prod_" + sku), title, Money.of(price, currency),
                forSale);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource((PriceLookup) sku -> Optional.ofNullable(PRICES.get(sku)));
        fixture.registerInjectableResource(USD);
        // one code, SAVE10: 10.00 off orders of at least 50.00, valid in 2026
        fixture.registerInjectableResource(new PromoCodes() {
            @Override
            public void requireApplicable(String code, Instant at) {
                if (!code.equals("SAVE10") || at.isBefore(Instant.parse("2026-01-01T00:00:00Z"))
                        || !at.isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
                    throw new CommandRejectedException(RejectionCode.PROMO_CODE_INVALID, "not valid");
                }
            }

            @Override
            public Money discountFor(String code, Money subtotal, Instant at) {
                requireApplicable(code, at);
                if (subtotal.compareTo(usd("50.00")) < 0) {
                    throw new CommandRejectedException(RejectionCode.PROMO_CODE_INVALID, "minimum 50.00");
                }
                return usd("10.00");
            }
        });
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static PlaceOrderCommand place(List<RequestedItem> items) {
        return new PlaceOrderCommand(ID, "cus_1", items, SF, VISA, null, NOW, null);
    }

    private static List<RequestedItem> seedItems() {
        return List.of(new RequestedItem(new Sku("WAVE-A3"), 2), new RequestedItem(new Sku("MONA-A2"), 1));
    }

    private static OrderPlacedEvent placed() {
        var lines = List.of(
                new OrderLine(new Sku("WAVE-A3"), new ProductId("prod_WAVE-A3"), "Great Wave A3", 2, usd("29.99"),
                        usd("59.98")),
                new OrderLine(new Sku("MONA-A2"), new ProductId("prod_MONA-A2"), "Mona Lisa A2", 1, usd("49.99"),
                        usd("49.99")));
        // 109.97 + 8.8 % tax (9.68, half-even) + 5.99 shipping
        return new OrderPlacedEvent(ID, "cus_1", lines, new PriceBreakdown(usd("109.97"), usd("0.00"), usd("9.68"),
                usd("5.99"), usd("125.64")), null, SF, VISA, null, SalesChannel.WEB);
    }

    /** The events that bring an order into {@code status} the regular way. */
    private static List<Object> historyUntil(OrderStatus status) {
        var history = new ArrayList<Object>(List.of(placed()));
        switch (status) {
            case PENDING -> { }
            case CANCELLED -> history.add(new OrderCancelledEvent(ID, PENDING, CancellationReason.PAYMENT_DECLINED,
                    null, "system", usd("0.00")));
            default -> {
                history.add(new OrderConfirmedEvent(ID));
                if (status != CONFIRMED) {
                    history.add(new OrderProcessingStartedEvent(ID));
                }
                if (status == SHIPPED || status == DELIVERED) {
                    history.add(new OrderShippedEvent(ID, "UPS", "1Z999"));
                }
                if (status == DELIVERED) {
                    history.add(new OrderDeliveredEvent(ID));
                }
            }
        }
        return history;
    }

    private static Object commandInto(OrderStatus target, OrderStatus from) {
        return switch (target) {
            case CONFIRMED -> new ConfirmOrderCommand(ID);
            case PROCESSING -> new StartOrderProcessingCommand(ID);
            case SHIPPED -> new ShipOrderCommand(ID, "UPS", "1Z999");
            case DELIVERED -> new DeliverOrderCommand(ID);
            case CANCELLED -> new CancelOrderCommand(ID, from == SHIPPED ? CancellationReason.RETURNED
                    : CancellationReason.CUSTOMER_REQUEST, null, "cus_1");
            case PENDING -> throw new IllegalArgumentException("nothing moves an order back to PENDING");
        };
    }

    @Test
    void placesAnOrderWithPricesTitlesAndBreakdownFixedFromThePriceList() {
        fixture.givenNoPriorActivity()
                .when(place(seedItems()))
                .expectEvents(placed());
    }

    @Test
    void placesAtThePriceTheShopperSawWhenItIsStillCurrent() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new RequestedItem(new Sku("WAVE-A3"), 2, new BigDecimal("29.990")),
                        new RequestedItem(new Sku("MONA-A2"), 1, new BigDecimal("49.99")))))
                .expectEvents(placed());
    }

    @Test
    void refusesToChargeAnotherPriceThanTheShopperSaw() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new RequestedItem(new Sku("WAVE-A3"), 2, new BigDecimal("24.99")),
                        new RequestedItem(new Sku("MONA-A2"), 1, new BigDecimal("49.99")))))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.PRICE_CHANGED))
                .expectExceptionMessage("The price of WAVE-A3 is now 29.99 USD, not 24.99");
    }

    @Test
    void refusesAnOrderWithoutItemsOrWithBadQuantities() {
        fixture.givenNoPriorActivity().when(place(List.of()))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.givenNoPriorActivity().when(place(List.of(new RequestedItem(new Sku("WAVE-A3"), 0))))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.givenNoPriorActivity().when(place(List.of(new RequestedItem(new Sku("WAVE-A3"), 100))))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void refusesTheSameSkuOnTwoLines() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new RequestedItem(new Sku("WAVE-A3"), 1), new RequestedItem(new Sku("WAVE-A3"), 2))))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void refusesAnIncompleteAddressOrAMissingPaymentToken() {
        var noCity = new ShippingAddress("John", "1 St", " ", null, "1", "US");
        fixture.givenNoPriorActivity().when(new PlaceOrderCommand(ID, "cus_1", seedItems(), noCity, VISA, null, NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ID, "cus_1", seedItems(), SF, new PaymentMethodRef("card", ""), null, NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void refusesADestinationTheShopDoesNotShipTo() {
        var brazil = new ShippingAddress("Ana", "Rua 1", "Rio", null, "20000", "BR");
        fixture.givenNoPriorActivity().when(new PlaceOrderCommand(ID, null, seedItems(), brazil, VISA, null, NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.UNSUPPORTED_DESTINATION));
    }

    @Test
    void refusesSkusThatAreUnknownDiscontinuedOrPricedInAnotherCurrency() {
        for (var sku : List.of("NOPE-1", "OLD-A4", "EURO-A4")) {
            fixture.givenNoPriorActivity().when(place(List.of(new RequestedItem(new Sku(sku), 1))))
                    .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOR_SALE));
        }
    }

    @Test
    void reproducesTheDesignDocumentsExampleWithAPromoCode() {
        // 109.97 - 10.00 = 99.97; 8.8 % tax 8.80; shipping 5.99 (below 150.00); total 114.76
        var placed = placed();
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ID, "cus_1", seedItems(), SF, VISA, "SAVE10", NOW, null))
                .expectEvents(new OrderPlacedEvent(ID, "cus_1", placed.lines(), new PriceBreakdown(usd("109.97"),
                        usd("10.00"), usd("8.80"), usd("5.99"), usd("114.76")), "SAVE10", SF, VISA, null, SalesChannel.WEB));
    }

    @Test
    void refusesAPromoCodeThatDoesNotApply() {
        fixture.givenNoPriorActivity().when(new PlaceOrderCommand(ID, "cus_1", seedItems(), SF, VISA, "SUMMER2024", NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.PROMO_CODE_INVALID));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ID, "cus_1", seedItems(), SF, VISA, "SAVE10",
                        Instant.parse("2027-02-01T00:00:00Z"), null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.PROMO_CODE_INVALID));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ID, "cus_1", List.of(new RequestedItem(new Sku("WAVE-A3"), 1)), SF, VISA,
                        "SAVE10", NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.PROMO_CODE_INVALID));
    }

    @Test
    void confirmsStartsProcessingShipsAndDelivers() {
        fixture.given(placed()).when(new ConfirmOrderCommand(ID)).expectEvents(new OrderConfirmedEvent(ID));
        fixture.given(historyUntil(CONFIRMED)).when(new StartOrderProcessingCommand(ID))
                .expectEvents(new OrderProcessingStartedEvent(ID));
        fixture.given(historyUntil(PROCESSING)).when(new ShipOrderCommand(ID, " UPS ", "1Z999AA10123456784"))
                .expectEvents(new OrderShippedEvent(ID, "UPS", "1Z999AA10123456784"));
        fixture.given(historyUntil(SHIPPED)).when(new DeliverOrderCommand(ID))
                .expectEvents(new OrderDeliveredEvent(ID));
    }

    @Test
    void refusesToShipWithoutCarrierAndTrackingNumber() {
        fixture.given(historyUntil(PROCESSING)).when(new ShipOrderCommand(ID, "UPS", " "))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void allowsEveryTransitionOfTheTableAndRefusesEveryOther() {
        for (var from : OrderStatus.values()) {
            for (var to : OrderStatus.values()) {
                if (to == PENDING || to == from) {
                    continue;
                }
                var result = fixture.given(historyUntil(from)).when(commandInto(to, from));
                if (Order.TRANSITIONS.get(from).contains(to)) {
                    result.expectSuccessfulHandlerExecution();
                } else {
                    result.expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
                }
            }
        }
    }

    @Test
    void treatsRepeatingTheTransitionIntoTheCurrentStateAsNoOp() {
        fixture.given(historyUntil(CONFIRMED)).when(new ConfirmOrderCommand(ID))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(historyUntil(CANCELLED))
                .when(new CancelOrderCommand(ID, CancellationReason.PAYMENT_DECLINED, null, "system"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cancelsAPendingOrderWithNothingToRefund() {
        fixture.given(placed())
                .when(new CancelOrderCommand(ID, CancellationReason.OUT_OF_STOCK, "WAVE-A3: 1 available", "system"))
                .expectEvents(new OrderCancelledEvent(ID, PENDING, CancellationReason.OUT_OF_STOCK,
                        "WAVE-A3: 1 available", "system", usd("0.00")));
    }

    @Test
    void cancelsAConfirmedOrderOwingTheTotalBack() {
        fixture.given(historyUntil(CONFIRMED))
                .when(new CancelOrderCommand(ID, CancellationReason.CUSTOMER_REQUEST, "changed my mind", "cus_1"))
                .expectEvents(new OrderCancelledEvent(ID, CONFIRMED, CancellationReason.CUSTOMER_REQUEST,
                        "changed my mind", "cus_1", usd("125.64")));
    }

    @Test
    void acceptsOnlyAReturnAsCancellationOfAShippedOrder() {
        fixture.given(historyUntil(SHIPPED))
                .when(new CancelOrderCommand(ID, CancellationReason.CUSTOMER_REQUEST, null, "cus_1"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
        fixture.given(historyUntil(SHIPPED))
                .when(new CancelOrderCommand(ID, CancellationReason.RETURNED, "damaged", "support_1"))
                .expectEvents(new OrderCancelledEvent(ID, SHIPPED, CancellationReason.RETURNED, "damaged",
                        "support_1", usd("125.64")));
        fixture.given(historyUntil(CONFIRMED))
                .when(new CancelOrderCommand(ID, CancellationReason.RETURNED, null, "support_1"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void letsACustomerCancelTheirOwnOrderWithinTheWindow() {
        fixture.given(placed())
                .when(new CancelOrderAsCustomerCommand(ID, "cus_1", null, "changed my mind",
                        fixture.currentTime().plus(Duration.ofHours(23))))
                .expectEvents(new OrderCancelledEvent(ID, PENDING, CancellationReason.CUSTOMER_REQUEST,
                        "changed my mind", "cus_1", usd("0.00")));
    }

    @Test
    void refusesACustomerCancellationAfterTheWindowSayingUntilWhen() {
        var placedAt = fixture.currentTime();
        fixture.given(placed())
                .when(new CancelOrderAsCustomerCommand(ID, "cus_1", CancellationReason.CUSTOMER_REQUEST, null,
                        placedAt.plus(Order.CUSTOMER_CANCEL_WINDOW).plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.NOT_PERMITTED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("within 24 hours"));
    }

    @Test
    void refusesACustomerAnotherCustomersOrderOrAReasonThatIsNotTheirs() {
        fixture.given(placed())
                .when(new CancelOrderAsCustomerCommand(ID, "cus_2", null, null, fixture.currentTime()))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
        fixture.given(placed())
                .when(new CancelOrderAsCustomerCommand(ID, "cus_1", CancellationReason.PAYMENT_DECLINED, null,
                        fixture.currentTime()))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_PERMITTED));
    }

    @Test
    void refusesACancellationWithoutReasonOrActor() {
        fixture.given(placed()).when(new CancelOrderCommand(ID, null, null, "cus_1"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(placed()).when(new CancelOrderCommand(ID, CancellationReason.CUSTOMER_REQUEST, null, " "))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void tracksPartialAndFullRefunds() {
        var cancelled = new OrderCancelledEvent(ID, CONFIRMED, CancellationReason.CUSTOMER_REQUEST, null, "cus_1",
                usd("125.64"));
        var history = new ArrayList<>(historyUntil(CONFIRMED));
        history.add(cancelled);
        fixture.given(history).when(new RecordOrderRefundCommand(ID, usd("100.00"), "re_1"))
                .expectEvents(new OrderRefundedEvent(ID, usd("100.00"), "re_1", usd("100.00"),
                        RefundStatus.PARTIALLY_REFUNDED));

        history.add(new OrderRefundedEvent(ID, usd("100.00"), "re_1", usd("100.00"), RefundStatus.PARTIALLY_REFUNDED));
        fixture.given(history).when(new RecordOrderRefundCommand(ID, usd("25.65"), "re_2"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(history).when(new RecordOrderRefundCommand(ID, usd("25.64"), "re_2"))
                .expectEvents(new OrderRefundedEvent(ID, usd("25.64"), "re_2", usd("125.64"), RefundStatus.REFUNDED));
    }

    @Test
    void refusesARefundWhenNoneIsDue() {
        fixture.given(historyUntil(CANCELLED)).when(new RecordOrderRefundCommand(ID, usd("1.00"), "re_1"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
        fixture.given(historyUntil(CONFIRMED)).when(new RecordOrderRefundCommand(ID, usd("1.00"), "re_1"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }
}
