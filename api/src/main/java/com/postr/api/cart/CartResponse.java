package com.postr.api.cart;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.order.OrderId;

import java.time.Instant;
import java.util.List;

/**
 * A cart as the cart read model knows it.
 *
 * @param status   OPEN, CHECKED_OUT or ABANDONED
 * @param subtotal sum of the lines at the prices they were added at; null for an empty cart
 * @param orderId  the order it became, once checked out
 * @param guestTokenHash for a guest cart, the hash its token must match ({@link GuestCartToken})
 */
public record CartResponse(CartId cartId, String customerId, String status, List<Line> lines, String promoCode,
                           Money subtotal, int itemsCount, OrderId orderId, long version, Instant createdAt,
                           Instant updatedAt, String guestTokenHash) {

    public record Line(Sku sku, ProductId productId, String title, Money unitPrice, int quantity, Money lineTotal) {
    }
}
