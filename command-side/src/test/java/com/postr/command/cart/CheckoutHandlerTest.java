package com.postr.command.cart;

import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartCreatedEvent;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartItemAddedEvent;
import com.postr.api.cart.CheckoutCartCommand;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.PaymentMethodRef;
import com.postr.api.order.ShippingAddress;
import com.postr.command.order.Order;
import com.postr.command.order.PriceLookup;
import com.postr.command.pricing.PricingPolicy;
import com.postr.command.promo.PromoCodes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkout's one unit of work over two aggregates (docs/adr/0014), given events and judged by the events it
 * stores: the cart frozen and the order placed together, or, when the order is refused, neither.
 */
class CheckoutHandlerTest {

    private static final CartId CART = new CartId("cart_1");
    private static final OrderId ORDER = new OrderId("ord_1");
    private static final Sku WAVE = new Sku("WAVE-A3");
    private static final Money PRICE = Money.of("29.99", "EUR");
    private static final PaymentMethodRef VISA = new PaymentMethodRef("card", "pm_card_visa");
    private static final ShippingAddress BERLIN = new ShippingAddress("Eva", "Str. 1", "Berlin", null, "10115",
            "DE");

    private Configuration axon;

    @BeforeEach
    void setUp() {
        var prices = Map.of(WAVE, new PriceLookup.PricedSku(WAVE, new ProductId("prod_1"), "Great Wave", PRICE, true));
        PriceLookup lookup = sku -> Optional.ofNullable(prices.get(sku));
        var pricing = new PricingPolicy("EUR", Map.of("DE", new BigDecimal("4.90")), new BigDecimal("75.00"),
                Map.of("DE", new BigDecimal("0.19")));
        PromoCodes noCodes = new PromoCodes() {
            @Override
            public void requireApplicable(String code, Instant at) {
                throw new CommandRejectedException(RejectionCode.PROMO_CODE_INVALID, "no codes here");
            }

            @Override
            public Money discountFor(String code, Money subtotal, Instant at) {
                throw new CommandRejectedException(RejectionCode.PROMO_CODE_INVALID, "no codes here");
            }
        };
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Cart.class)
                .configureAggregate(Order.class)
                .registerComponent(PriceLookup.class, c -> lookup)
                .registerComponent(PricingPolicy.class, c -> pricing)
                .registerComponent(PromoCodes.class, c -> noCodes)
                .registerComponent(CartExpiry.class, c -> new CartExpiry(Duration.ofDays(30)))
                .registerCommandHandler(c -> new CheckoutHandler(c, lookup, pricing, noCodes))
                .buildConfiguration();
        axon.start();
        given(new CartCreatedEvent(CART, "cus_1", null),
                new CartItemAddedEvent(CART, WAVE, new ProductId("prod_1"), "Great Wave", PRICE, 2));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private void given(Object... cartEvents) {
        for (int i = 0; i < cartEvents.length; i++) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("Cart", CART.value(), i, cartEvents[i]));
        }
    }

    private List<Object> stored(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(m -> (Object) m.getPayload()).toList();
    }

    private CheckoutCartCommand checkout(ShippingAddress to) {
        return new CheckoutCartCommand(CART, ORDER, to, VISA, Instant.parse("2026-12-01T10:00:00Z"), null, null,
                "cus_1", null);
    }

    @Test
    void freezesTheCartAndPlacesItsOrderTogether() {
        String placed = axon.commandGateway().sendAndWait(checkout(BERLIN));

        assertThat(placed).isEqualTo(ORDER.value());
        assertThat(stored(CART.value())).last().isEqualTo(new CartCheckedOutEvent(CART, ORDER));
        assertThat(stored(ORDER.value())).singleElement().isInstanceOfSatisfying(OrderPlacedEvent.class, order -> {
            assertThat(order.customerId()).isEqualTo("cus_1");
            assertThat(order.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
            // 59.98 + 19 % tax + 4.90 shipping, prices as the order fixes them
            assertThat(order.prices().total()).isEqualTo(Money.of("76.28", "EUR"));
        });
    }

    @Test
    void storesNeitherWhenTheOrderIsRefused() {
        var nowhere = new ShippingAddress("Eva", "Street 1", "Lima", null, "15001", "PE");

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(checkout(nowhere)))
                .isInstanceOfAny(CommandRejectedException.class, CommandExecutionException.class);

        // the cart is still open with its two events, and no order exists
        assertThat(stored(CART.value())).hasSize(2);
        assertThat(stored(ORDER.value())).isEmpty();
        // so the shopper can fix the address and check out the same cart
        axon.commandGateway().sendAndWait(checkout(BERLIN));
        assertThat(stored(CART.value())).last().isEqualTo(new CartCheckedOutEvent(CART, ORDER));
    }

    @Test
    void refusesASecondCheckoutOfTheSameCart() {
        axon.commandGateway().sendAndWait(checkout(BERLIN));

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new CheckoutCartCommand(CART,
                new OrderId("ord_2"), BERLIN, VISA, Instant.parse("2026-12-01T10:01:00Z"), null, null, "cus_1", null)))
                .isInstanceOfAny(CommandRejectedException.class, CommandExecutionException.class);
        assertThat(stored("ord_2")).isEmpty();
    }

    @Test
    void aStrangerLearnsNothingOfSomeoneElsesCartNotEvenItsVersion() {
        for (var version : new Long[] {null, 0L, 1L, 7L}) {
            assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new CheckoutCartCommand(CART, ORDER, BERLIN,
                    VISA, Instant.parse("2026-12-01T10:00:00Z"), version, null, "cus_2", null)))
                    .satisfies(e -> assertThat(rejection(e)).isEqualTo(RejectionCode.NOT_FOUND));
        }
        assertThat(stored(ORDER.value())).isEmpty();
    }

    @Test
    void aSignedInBuyerChecksOutAGuestCartWithItsTokenClaimingItOnTheWay() {
        var guestCart = new CartId("cart_guest");
        var token = "ct_token-of-the-guest";
        axon.eventStore().publish(new GenericDomainEventMessage<>("Cart", guestCart.value(), 0,
                new CartCreatedEvent(guestCart, null, com.postr.api.cart.GuestCartToken.hash(token))));
        axon.eventStore().publish(new GenericDomainEventMessage<>("Cart", guestCart.value(), 1,
                new CartItemAddedEvent(guestCart, WAVE, new ProductId("prod_1"), "Great Wave", PRICE, 1)));

        axon.commandGateway().sendAndWait(new CheckoutCartCommand(guestCart, new OrderId("ord_guest"), BERLIN, VISA,
                Instant.parse("2026-12-01T10:00:00Z"), null, null, "cus_9", token));

        assertThat(stored(guestCart.value())).hasSize(4).element(2)
                .isEqualTo(new com.postr.api.cart.CartAssignedToCustomerEvent(guestCart, "cus_9"));
        assertThat(stored("ord_guest")).singleElement().isInstanceOfSatisfying(OrderPlacedEvent.class,
                order -> assertThat(order.customerId()).isEqualTo("cus_9"));
    }

    private static RejectionCode rejection(Throwable e) {
        if (e instanceof CommandRejectedException rejected) {
            return rejected.rejection().code();
        }
        return ((CommandExecutionException) e).getDetails().map(d -> ((com.postr.api.common.Rejection) d).code())
                .orElse(null);
    }
}
