package com.postr.command.cart;

import com.postr.api.cart.AddCartItemCommand;
import com.postr.api.cart.ApplyPromoCodeToCartCommand;
import com.postr.api.cart.CartAssignedToCustomerEvent;
import com.postr.api.cart.CartAbandonedEvent;
import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartClearedEvent;
import com.postr.api.cart.CartCreatedEvent;
import com.postr.api.cart.ClaimCartCommand;
import com.postr.api.cart.GuestCartToken;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartItemAddedEvent;
import com.postr.api.cart.CartItemQuantityChangedEvent;
import com.postr.api.cart.CartItemRemovedEvent;
import com.postr.api.cart.ChangeCartItemQuantityCommand;
import com.postr.api.cart.ClearCartCommand;
import com.postr.api.cart.CreateCartCommand;
import com.postr.api.cart.PromoCodeAppliedToCartEvent;
import com.postr.api.cart.PromoCodeRemovedFromCartEvent;
import com.postr.api.cart.RemoveCartItemCommand;
import com.postr.api.cart.RemovePromoCodeFromCartCommand;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.api.order.OrderId;
import com.postr.command.order.PriceLookup;
import com.postr.command.promo.PromoCodes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static com.postr.command.support.Rejections.rejectedWith;

class CartTest {

    private static final CartId CART = new CartId("cart_1");
    private static final String TOKEN = "ct_guest-token-of-the-fixture";
    private static final String TOKEN_HASH = GuestCartToken.hash(TOKEN);
    private static final Sku WAVE = new Sku("WAVE-A3");
    private static final Sku OLD = new Sku("OLD-A4");
    private static final Money PRICE = Money.of("29.99", "EUR");
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration TTL = Duration.ofDays(30);

    private AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        var prices = Map.of(
                WAVE, new PriceLookup.PricedSku(WAVE, new ProductId("prod_1"), "Great Wave", PRICE, true),
                OLD, new PriceLookup.PricedSku(OLD, new ProductId("prod_2"), "Retired", PRICE, false));
        fixture.registerInjectableResource((PriceLookup) sku -> Optional.ofNullable(prices.get(sku)));
        fixture.registerInjectableResource(new CartExpiry(TTL));
        fixture.registerInjectableResource(new PromoCodes() {
            @Override
            public void requireApplicable(String code, Instant at) {
                if (!code.equals("SAVE10")) {
                    throw new CommandRejectedException(RejectionCode.PROMO_CODE_INVALID, "unknown");
                }
            }

            @Override
            public Money discountFor(String code, Money subtotal, Instant at) {
                throw new UnsupportedOperationException("carts never price discounts");
            }
        });
    }

    private static CartItemAddedEvent waveAdded(int quantity) {
        return new CartItemAddedEvent(CART, WAVE, new ProductId("prod_1"), "Great Wave", PRICE, quantity);
    }

    @Test
    void createsACartAndStartsItsExpiryClock() {
        fixture.givenNoPriorActivity()
                .when(new CreateCartCommand(CART, null, TOKEN_HASH))
                .expectEvents(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .expectScheduledDeadline(TTL, new Cart.ExpiryCheck(0));
    }

    @Test
    void aGuestCartJoinsTheAccountThatClaimsItWithItsToken() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(1))
                .when(new ClaimCartCommand(CART, "usr_1", TOKEN))
                .expectEvents(new CartAssignedToCustomerEvent(CART, "usr_1"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void claimingYourOwnCartAgainChangesNothing() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), new CartAssignedToCustomerEvent(CART, "usr_1"))
                .when(new ClaimCartCommand(CART, "usr_1", null))
                .expectNoEvents().expectResultMessagePayload(1L);
    }

    @Test
    void aWrongTokenOrSomeoneElsesCartLooksAbsent() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new ClaimCartCommand(CART, "usr_2", TOKEN + "x"))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new ClaimCartCommand(CART, "usr_2", null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
        fixture.given(new CartCreatedEvent(CART, "usr_1", null))
                .when(new ClaimCartCommand(CART, "usr_2", TOKEN))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
        // once claimed, the guest token no longer opens it
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), new CartAssignedToCustomerEvent(CART, "usr_1"))
                .when(new ClaimCartCommand(CART, "usr_2", TOKEN))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), new CartCheckedOutEvent(CART, new OrderId("ord_1")))
                .when(new ClaimCartCommand(CART, "usr_2", TOKEN))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void aCartBelongsToACustomerOrToAGuestToken() {
        fixture.givenNoPriorActivity()
                .when(new CreateCartCommand(CART, null, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void addsAnItemWithItsCatalogPriceAndTitle() {
        fixture.given(new CartCreatedEvent(CART, "cus_1", null))
                .when(new AddCartItemCommand(CART, WAVE, 2, null))
                .expectEvents(waveAdded(2))
                .expectResultMessagePayload(1L);
    }

    @Test
    void addsToTheQuantityOfAnExistingLine() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(2))
                .when(new AddCartItemCommand(CART, WAVE, 3, null))
                .expectEvents(new CartItemQuantityChangedEvent(CART, WAVE, 5));
    }

    @Test
    void refusesSkusThatAreNotForSale() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new AddCartItemCommand(CART, OLD, 1, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOR_SALE));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new AddCartItemCommand(CART, new Sku("NOPE-1"), 1, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOR_SALE));
    }

    @Test
    void refusesQuantitiesOutsideOneToNinetyNine() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new AddCartItemCommand(CART, WAVE, 0, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(60))
                .when(new AddCartItemCommand(CART, WAVE, 40, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void changesQuantityAndRemovesLines() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(2))
                .when(new ChangeCartItemQuantityCommand(CART, WAVE, 4, null))
                .expectEvents(new CartItemQuantityChangedEvent(CART, WAVE, 4));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(2))
                .when(new RemoveCartItemCommand(CART, WAVE, null))
                .expectEvents(new CartItemRemovedEvent(CART, WAVE));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new RemoveCartItemCommand(CART, WAVE, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.NOT_FOUND));
    }

    @Test
    void clearsLinesAndPromoCodeAndTreatsClearingAnEmptyCartAsNoOp() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(2), new PromoCodeAppliedToCartEvent(CART, "SAVE10"))
                .when(new ClearCartCommand(CART, null))
                .expectEvents(new CartClearedEvent(CART));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new ClearCartCommand(CART, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void appliesAndRemovesAPromoCode() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new ApplyPromoCodeToCartCommand(CART, "SAVE10", NOW, null))
                .expectEvents(new PromoCodeAppliedToCartEvent(CART, "SAVE10"));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH))
                .when(new ApplyPromoCodeToCartCommand(CART, "BOGUS", NOW, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.PROMO_CODE_INVALID));
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), new PromoCodeAppliedToCartEvent(CART, "SAVE10"))
                .when(new RemovePromoCodeFromCartCommand(CART, null))
                .expectEvents(new PromoCodeRemovedFromCartEvent(CART, "SAVE10"));
    }

    @Test
    void refusesChangesToACheckedOutCart() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(1),
                        new CartCheckedOutEvent(CART, new com.postr.api.order.OrderId("ord_1")))
                .when(new AddCartItemCommand(CART, WAVE, 1, null))
                .expectNoEvents().expectException(rejectedWith(RejectionCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void refusesACommandBasedOnAStaleVersion() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(1))
                .when(new AddCartItemCommand(CART, WAVE, 1, 0L))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void acceptsACommandBasedOnTheCurrentVersion() {
        fixture.given(new CartCreatedEvent(CART, null, TOKEN_HASH), waveAdded(1))
                .when(new AddCartItemCommand(CART, WAVE, 1, 1L))
                .expectEvents(new CartItemQuantityChangedEvent(CART, WAVE, 2));
    }

    @Test
    void abandonsACartUntouchedForTheExpiryTime() {
        fixture.givenCommands(new CreateCartCommand(CART, "cus_1", null), new AddCartItemCommand(CART, WAVE, 2, null))
                .whenTimeElapses(TTL.plusMinutes(1))
                .expectEvents(new CartAbandonedEvent(CART, "cus_1", 2, Money.of("59.98", "EUR")));
    }

    @Test
    void abandonsOnceHoweverManyExpiryChecksWereScheduled() {
        // three changes schedule three checks; only the one for the latest version may abandon the cart
        fixture.givenCommands(new CreateCartCommand(CART, null, TOKEN_HASH), new AddCartItemCommand(CART, WAVE, 2, null),
                        new AddCartItemCommand(CART, WAVE, 1, null))
                .whenTimeElapses(TTL.plusMinutes(1))
                .expectEvents(new CartAbandonedEvent(CART, null, 3, Money.of("89.97", "EUR")));
    }

    @Test
    void keepsACartWhoseExpiryIsNotDueYet() {
        fixture.givenCommands(new CreateCartCommand(CART, null, TOKEN_HASH), new AddCartItemCommand(CART, WAVE, 2, null))
                .whenTimeElapses(TTL.minusMinutes(1))
                .expectNoEvents();
    }
}
