package com.postr.query.analytics;

import com.postr.api.cart.CartAbandonedEvent;
import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartCreatedEvent;
import com.postr.api.cart.CartItemAddedEvent;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the analytics facts. Every write is idempotent: inserts ignore a row already there, and updates of an
 * order's status only move forward in its stream, so replaying from the start, or a batch delivered twice, leaves
 * the same rows. Money is kept in the store's currency, as the orders carry it.
 */
@Component
@ProcessingGroup(AnalyticsProjection.PROCESSING_GROUP)
class AnalyticsProjection {

    static final String PROCESSING_GROUP = "analytics";

    private final JdbcTemplate jdbc;

    AnalyticsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // --- catalog: names and variant attributes for the product reports ----------------------------------------

    @EventHandler
    void on(ProductRegisteredEvent event) {
        jdbc.update("INSERT INTO analytics_product (product_id, title, artist) VALUES (?, ?, ?) "
                        + "ON CONFLICT (product_id) DO UPDATE SET title = excluded.title, artist = excluded.artist",
                event.productId().value(), event.title(), event.artist());
        event.variants().forEach(variant -> variant(event.productId().value(), variant));
    }

    @EventHandler
    void on(ProductVariantAddedEvent event) {
        variant(event.productId().value(), event.variant());
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        jdbc.update("UPDATE analytics_product SET title = ?, artist = ? WHERE product_id = ?", event.title(),
                event.artist(), event.productId().value());
    }

    private void variant(String productId, ProductVariant variant) {
        jdbc.update("INSERT INTO analytics_variant (sku, product_id, size, framed, paper) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (sku) DO NOTHING", variant.sku().value(), productId,
                variant.size() == null ? null : variant.size().name(), variant.framed(),
                variant.paper() == null ? null : variant.paper().name());
    }

    // --- orders ----------------------------------------------------------------------------------------------

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        var orderId = event.orderId().value();
        var prices = event.prices();
        int inserted = jdbc.update("INSERT INTO analytics_order (order_id, customer_id, placed_at, status, currency, "
                        + "subtotal, discount, tax, shipping, total, units, promo_code, sequence_number) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING",
                orderId, event.customerId(), utc(at), OrderStatus.PENDING.name(),
                prices.total().currency(), prices.subtotal().amount(), prices.discount().amount(),
                prices.tax().amount(), prices.shipping().amount(), prices.total().amount(),
                event.lines().stream().mapToInt(l -> l.quantity()).sum(), event.promoCode(), sequence);
        if (inserted == 0) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO analytics_order_line (order_id, sku, product_id, quantity, line_total) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id, sku) DO NOTHING",
                event.lines().stream().map(line -> new Object[]{orderId, line.sku().value(),
                        line.productId().value(), line.quantity(), line.lineTotal().amount()}).toList());
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("UPDATE analytics_order SET status = 'CONFIRMED', confirmed_at = ?, sequence_number = ? "
                + "WHERE order_id = ? AND sequence_number < ?", utc(at), sequence,
                event.orderId().value(), sequence);
    }

    @EventHandler
    void on(OrderProcessingStartedEvent event, @SequenceNumber long sequence) {
        status(event.orderId().value(), OrderStatus.PROCESSING, sequence);
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence) {
        status(event.orderId().value(), OrderStatus.SHIPPED, sequence);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence) {
        status(event.orderId().value(), OrderStatus.DELIVERED, sequence);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("UPDATE analytics_order SET status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?, "
                        + "sequence_number = ? WHERE order_id = ? AND sequence_number < ?", utc(at),
                event.reason() == null ? null : event.reason().name(), sequence, event.orderId().value(), sequence);
    }

    @EventHandler
    void on(OrderRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("INSERT INTO analytics_refund (order_id, sequence_number, refunded_at, amount) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", event.orderId().value(), sequence,
                utc(at), event.amount().amount());
    }

    private void status(String orderId, OrderStatus status, long sequence) {
        jdbc.update("UPDATE analytics_order SET status = ?, sequence_number = ? "
                + "WHERE order_id = ? AND sequence_number < ?", status.name(), sequence, orderId, sequence);
    }

    // --- carts -----------------------------------------------------------------------------------------------

    @EventHandler
    void on(CartCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO analytics_cart (cart_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.cartId().value(), utc(at));
    }

    @EventHandler
    void on(CartItemAddedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE analytics_cart SET first_item_at = LEAST(first_item_at, ?) WHERE cart_id = ?",
                utc(at), event.cartId().value());
    }

    @EventHandler
    void on(CartCheckedOutEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE analytics_cart SET checked_out_at = ?, order_id = ? WHERE cart_id = ?",
                utc(at), event.orderId().value(), event.cartId().value());
    }

    @EventHandler
    void on(CartAbandonedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE analytics_cart SET expired_at = ? WHERE cart_id = ?", utc(at),
                event.cartId().value());
    }

    // --- payments --------------------------------------------------------------------------------------------

    @EventHandler
    void on(PaymentAuthorizationRequestedEvent event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO analytics_payment (payment_id, order_id, requested_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", event.paymentId().value(), event.orderId(), utc(at));
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @Timestamp Instant at) {
        decided(event.paymentId().value(), event.orderId(), at, "AUTHORIZED", null);
    }

    @EventHandler
    void on(PaymentDeclinedEvent event, @Timestamp Instant at) {
        decided(event.paymentId().value(), event.orderId(), at, "DECLINED",
                event.declineCode() == null || event.declineCode().isBlank() ? "unknown" : event.declineCode());
    }

    private void decided(String paymentId, String orderId, Instant at, String outcome, String declineCode) {
        jdbc.update("INSERT INTO analytics_payment (payment_id, order_id, decided_at, outcome, decline_code) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO UPDATE SET "
                        + "decided_at = excluded.decided_at, outcome = excluded.outcome, "
                        + "decline_code = excluded.decline_code", paymentId, orderId,
                utc(at), outcome, declineCode);
    }

    @ResetHandler
    void onReset() {
        for (var table : List.of("analytics_order_line", "analytics_refund", "analytics_order", "analytics_cart",
                "analytics_payment", "analytics_variant", "analytics_product")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** PostgreSQL's driver binds OffsetDateTime to timestamptz without a zone guess. */
    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
