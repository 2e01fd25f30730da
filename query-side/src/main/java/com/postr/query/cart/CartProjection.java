package com.postr.query.cart;

import com.postr.api.cart.CartAbandonedEvent;
import com.postr.api.cart.CartAssignedToCustomerEvent;
import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartClearedEvent;
import com.postr.api.cart.CartCreatedEvent;
import com.postr.api.cart.CartItemAddedEvent;
import com.postr.api.cart.CartItemQuantityChangedEvent;
import com.postr.api.cart.CartItemRemovedEvent;
import com.postr.api.cart.CartResponse;
import com.postr.api.cart.FetchCartQuery;
import com.postr.api.cart.PromoCodeAppliedToCartEvent;
import com.postr.api.cart.PromoCodeRemovedFromCartEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds carts with their lines and totals from cart events. */
@Component
@ProcessingGroup(CartProjection.PROCESSING_GROUP)
public class CartProjection {

    public static final String PROCESSING_GROUP = "carts";

    private final CartViewRepository carts;

    CartProjection(CartViewRepository carts) {
        this.carts = carts;
    }

    @EventHandler
    void on(CartCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        if (!carts.existsById(event.cartId().value())) {
            carts.save(new CartView(event.cartId().value(), event.customerId(), event.guestTokenHash(),
                    sequenceNumber, at));
        }
    }

    @EventHandler
    void on(CartItemAddedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> {
            var lines = new ArrayList<>(view.lines());
            lines.add(CartView.line(event.sku(), event.productId(), event.title(), event.unitPrice(),
                    event.quantity()));
            view.replaceLines(lines);
        });
    }

    @EventHandler
    void on(CartItemQuantityChangedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.replaceLines(view.lines().stream()
                .map(l -> l.sku().equals(event.sku())
                        ? CartView.line(l.sku(), l.productId(), l.title(), l.unitPrice(), event.quantity()) : l)
                .toList()));
    }

    @EventHandler
    void on(CartItemRemovedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.replaceLines(view.lines().stream()
                .filter(l -> !l.sku().equals(event.sku())).toList()));
    }

    @EventHandler
    void on(CartClearedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> {
            view.replaceLines(List.of());
            view.promoCode(null);
        });
    }

    @EventHandler
    void on(PromoCodeAppliedToCartEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.promoCode(event.code()));
    }

    @EventHandler
    void on(PromoCodeRemovedFromCartEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.promoCode(null));
    }

    @EventHandler
    void on(CartCheckedOutEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.close("CHECKED_OUT", event.orderId().value()));
    }

    @EventHandler
    void on(CartAssignedToCustomerEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.assign(event.customerId()));
    }

    @EventHandler
    void on(CartAbandonedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.cartId().value(), sequenceNumber, at, view -> view.close("ABANDONED", null));
    }

    @ResetHandler
    void onReset() {
        carts.deleteAllInBatch();
    }

    @QueryHandler
    Optional<CartResponse> handle(FetchCartQuery query) {
        return carts.findById(query.cartId().value()).map(CartView::toResponse);
    }

    private void update(String cartId, long sequenceNumber, Instant at, Consumer<CartView> change) {
        var view = carts.findById(cartId).orElseThrow(() -> new IllegalStateException(
                "Cart view of " + cartId + " is missing; cannot apply event #" + sequenceNumber));
        if (view.isNewerThanView(sequenceNumber)) {
            change.accept(view);
            view.touch(sequenceNumber, at);
        }
    }
}
