package com.postr.command.cart;

import com.postr.api.cart.AddCartItemCommand;
import com.postr.api.cart.ClaimCartCommand;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import com.postr.api.cart.GuestCartToken;
import com.postr.api.cart.CartAssignedToCustomerEvent;
import com.postr.api.cart.ApplyPromoCodeToCartCommand;
import com.postr.api.cart.CartAbandonedEvent;
import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartClearedEvent;
import com.postr.api.cart.CartCreatedEvent;
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
import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.order.OrderId;
import com.postr.api.order.RequestedItem;
import com.postr.command.order.PriceLookup;
import com.postr.command.promo.PromoCodes;
import com.postr.command.support.StateTransitions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.postr.api.common.RejectionCode.NOT_FOR_SALE;
import static com.postr.api.common.RejectionCode.NOT_FOUND;
import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A shopping cart. Prices and titles are copied from the catalog when a line is added, so the cart shows what
 * the customer saw. Every change (re)starts the expiry clock: the deadline carries the version it was scheduled
 * at and abandons the cart only if nothing happened since.
 */
@Aggregate
class Cart {

    static final String EXPIRY = "cart-expiry";
    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 99;

    enum State { OPEN, CHECKED_OUT, ABANDONED }

    @AggregateIdentifier
    private String id;
    private CartId cartId;
    private String customerId;
    /** A guest cart's token hash: whoever shows the token may claim the cart. */
    private String guestTokenHash;
    private final Map<Sku, Line> lines = new LinkedHashMap<>();
    private String promoCode;
    private State state;

    record Line(Sku sku, int quantity, Money unitPrice) {
    }

    /** What checkout takes from the cart to place its order. */
    record Contents(String customerId, List<RequestedItem> items, String promoCode) {
    }

    /** Deadline payload: the cart version at which its expiry clock (re)started. */
    record ExpiryCheck(long version) {
    }

    protected Cart() {
        // for Axon
    }

    @CommandHandler
    Cart(CreateCartCommand command, DeadlineManager deadlines, CartExpiry expiry) {
        if (command.customerId() == null && command.guestTokenHash() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A cart belongs to a customer or to a guest token");
        }
        apply(new CartCreatedEvent(command.cartId(), command.customerId(),
                command.customerId() == null ? command.guestTokenHash() : null));
        // a creating handler sees no version yet (its event is only buffered); the first event is version 0
        deadlines.schedule(expiry.after(), EXPIRY, new ExpiryCheck(0));
    }

    @CommandHandler
    long handle(AddCartItemCommand command, PriceLookup prices, DeadlineManager deadlines, CartExpiry expiry) {
        requireOpen();
        requireQuantity(command.quantity());
        var existing = lines.get(command.sku());
        if (existing != null) {
            int quantity = existing.quantity() + command.quantity();
            requireQuantity(quantity);
            apply(new CartItemQuantityChangedEvent(cartId, command.sku(), quantity));
        } else {
            if (lines.size() >= MAX_LINES) {
                throw new CommandRejectedException(VALIDATION_ERROR, "A cart holds at most " + MAX_LINES + " lines");
            }
            var priced = prices.find(command.sku()).filter(PriceLookup.PricedSku::forSale)
                    .orElseThrow(() -> new CommandRejectedException(NOT_FOR_SALE, "SKU " + command.sku()
                            + " is not for sale", Map.of("sku", command.sku().value())));
            apply(new CartItemAddedEvent(cartId, command.sku(), priced.productId(), priced.title(), priced.price(),
                    command.quantity()));
        }
        restartExpiry(deadlines, expiry);
        return getVersion();
    }

    @CommandHandler
    long handle(ChangeCartItemQuantityCommand command, DeadlineManager deadlines, CartExpiry expiry) {
        requireOpen();
        requireLine(command.sku());
        requireQuantity(command.quantity());
        if (lines.get(command.sku()).quantity() != command.quantity()) {
            apply(new CartItemQuantityChangedEvent(cartId, command.sku(), command.quantity()));
            restartExpiry(deadlines, expiry);
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RemoveCartItemCommand command, DeadlineManager deadlines, CartExpiry expiry) {
        requireOpen();
        requireLine(command.sku());
        apply(new CartItemRemovedEvent(cartId, command.sku()));
        restartExpiry(deadlines, expiry);
        return getVersion();
    }

    /** Clearing an empty cart is a no-op. */
    @CommandHandler
    long handle(ClearCartCommand command, DeadlineManager deadlines, CartExpiry expiry) {
        requireOpen();
        if (!lines.isEmpty() || promoCode != null) {
            apply(new CartClearedEvent(cartId));
            restartExpiry(deadlines, expiry);
        }
        return getVersion();
    }

    /** The code must exist and be active now; whether the cart reaches its minimum is checked at checkout. */
    @CommandHandler
    long handle(ApplyPromoCodeToCartCommand command, PromoCodes promoCodes, DeadlineManager deadlines,
                CartExpiry expiry) {
        requireOpen();
        if (command.code() == null || command.code().isBlank() || command.at() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A promo code is required");
        }
        if (!command.code().equals(promoCode)) {
            promoCodes.requireApplicable(command.code(), command.at());
            apply(new PromoCodeAppliedToCartEvent(cartId, command.code()));
            restartExpiry(deadlines, expiry);
        }
        return getVersion();
    }

    /** Removing a code from a cart without one is a no-op. */
    @CommandHandler
    long handle(RemovePromoCodeFromCartCommand command, DeadlineManager deadlines, CartExpiry expiry) {
        requireOpen();
        if (promoCode != null) {
            apply(new PromoCodeRemovedFromCartEvent(cartId, promoCode));
            restartExpiry(deadlines, expiry);
        }
        return getVersion();
    }

    /**
     * A guest cart joins the account that proves it holds the cart's token. Claiming it again by its owner is a
     * no-op; a cart that belongs to someone else, or a wrong token, gets the answer a missing cart gets.
     */
    @CommandHandler
    long handle(ClaimCartCommand command) {
        if (mayBeClaimedBy(command.customerId(), command.cartToken())) {
            requireOpen();
            apply(new CartAssignedToCustomerEvent(cartId, command.customerId()));
        }
        return getVersion();
    }

    /**
     * Whether the claimant must take this guest cart (true), already owns it (false), or may not touch it: a cart
     * of someone else's or a wrong token gets exactly the answer a missing cart gets, so ids cannot be probed.
     */
    private boolean mayBeClaimedBy(String claimant, String token) {
        if (claimant == null || claimant.isBlank()) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A customer is required");
        }
        if (claimant.equals(customerId)) {
            return false;
        }
        if (customerId != null || !GuestCartToken.matches(token, guestTokenHash)) {
            throw new CommandRejectedException(NOT_FOUND, "'" + id + "' not found", Map.of("id", id));
        }
        return true;
    }

    /**
     * Called by {@link CheckoutHandler}: the buyer's own cart, or a guest cart they claim with its token on the
     * way, at the version they last saw (checked only once they are known to own it); then frozen, handing over
     * what the order needs.
     */
    Contents checkOut(OrderId orderId, String buyer, String token, Long expectedVersion) {
        boolean claim = mayBeClaimedBy(buyer, token);
        if (expectedVersion != null && !expectedVersion.equals(getVersion())) {
            throw new ConflictingAggregateVersionException(id, expectedVersion, getVersion());
        }
        requireOpen();
        if (claim) {
            apply(new CartAssignedToCustomerEvent(cartId, buyer));
        }
        if (lines.isEmpty()) {
            throw new CommandRejectedException(VALIDATION_ERROR, "An empty cart cannot be checked out");
        }
        var contents = new Contents(buyer, lines.values().stream()
                .map(line -> new RequestedItem(line.sku(), line.quantity())).toList(), promoCode);
        apply(new CartCheckedOutEvent(cartId, orderId));
        return contents;
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void on(ExpiryCheck check) {
        if (state == State.OPEN && getVersion() != null && getVersion() == check.version()) {
            var value = lines.values().stream().map(line -> line.unitPrice().times(line.quantity()))
                    .reduce(Money::plus).orElse(null);
            apply(new CartAbandonedEvent(cartId, customerId,
                    lines.values().stream().mapToInt(Line::quantity).sum(), value));
        }
    }

    @EventSourcingHandler
    void on(CartCreatedEvent event) {
        id = event.cartId().value();
        cartId = event.cartId();
        customerId = event.customerId();
        guestTokenHash = event.guestTokenHash();
        state = State.OPEN;
    }

    @EventSourcingHandler
    void on(CartAssignedToCustomerEvent event) {
        customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(CartItemAddedEvent event) {
        lines.put(event.sku(), new Line(event.sku(), event.quantity(), event.unitPrice()));
    }

    @EventSourcingHandler
    void on(CartItemQuantityChangedEvent event) {
        var line = lines.get(event.sku());
        lines.put(event.sku(), new Line(line.sku(), event.quantity(), line.unitPrice()));
    }

    @EventSourcingHandler
    void on(CartItemRemovedEvent event) {
        lines.remove(event.sku());
    }

    @EventSourcingHandler
    void on(CartClearedEvent event) {
        lines.clear();
        promoCode = null;
    }

    @EventSourcingHandler
    void on(PromoCodeAppliedToCartEvent event) {
        promoCode = event.code();
    }

    @EventSourcingHandler
    void on(PromoCodeRemovedFromCartEvent event) {
        promoCode = null;
    }

    @EventSourcingHandler
    void on(CartCheckedOutEvent event) {
        state = State.CHECKED_OUT;
    }

    @EventSourcingHandler
    void on(CartAbandonedEvent event) {
        state = State.ABANDONED;
    }

    private void restartExpiry(DeadlineManager deadlines, CartExpiry expiry) {
        deadlines.schedule(expiry.after(), EXPIRY, new ExpiryCheck(getVersion()));
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw StateTransitions.refused("Cart", id, state, null, null);
        }
    }

    private void requireLine(Sku sku) {
        if (!lines.containsKey(sku)) {
            throw new CommandRejectedException(NOT_FOUND, "The cart has no line for SKU " + sku,
                    Map.of("sku", sku.value()));
        }
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A line holds 1 to " + MAX_QUANTITY + " units");
        }
    }
}
