package com.postr.app.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.postr.api.cart.CartResponse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A cart; {@code version} is also its ETag, to send back in If-Match with the next change. */
record CartJson(String cartId, String customerId, String status, List<Item> items, String promoCode,
                BigDecimal subtotal, String currency, int itemsCount, String orderId, long version,
                Instant createdAt, Instant updatedAt,
                @JsonInclude(JsonInclude.Include.NON_NULL) String cartToken) {

    /** A guest cart's token, shown once: in the answer that created the cart. */
    CartJson withToken(String token) {
        return new CartJson(cartId, customerId, status, items, promoCode, subtotal, currency, itemsCount, orderId,
                version, createdAt, updatedAt, token);
    }

    record Item(String sku, String productId, String name, int quantity, BigDecimal unitPrice, BigDecimal total) {
    }

    static CartJson of(CartResponse c) {
        return new CartJson(c.cartId().value(), c.customerId(), c.status(),
                c.lines().stream().map(l -> new Item(l.sku().value(), l.productId().value(), l.title(), l.quantity(),
                        l.unitPrice().amount(), l.lineTotal().amount())).toList(),
                c.promoCode(), c.subtotal() == null ? BigDecimal.ZERO : c.subtotal().amount(),
                c.subtotal() == null ? null : c.subtotal().currency(), c.itemsCount(),
                c.orderId() == null ? null : c.orderId().value(), c.version(), c.createdAt(), c.updatedAt(), null);
    }
}
