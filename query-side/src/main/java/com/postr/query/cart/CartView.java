package com.postr.query.cart;

import com.postr.api.cart.CartId;
import com.postr.api.cart.CartResponse;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.order.OrderId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "cart_view")
class CartView {

    @Id
    private String cartId;
    private String customerId;
    private String status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<CartResponse.Line> lines = new ArrayList<>();
    private String promoCode;
    private String orderId;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    /** A guest cart's token hash, so the edge can tell its holder from anyone else. */
    private String guestTokenHash;

    protected CartView() {
    }

    CartView(String cartId, String customerId, String guestTokenHash, long version, Instant at) {
        this.cartId = cartId;
        this.customerId = customerId;
        this.guestTokenHash = guestTokenHash;
        this.status = "OPEN";
        this.version = version;
        this.createdAt = at;
        this.updatedAt = at;
    }

    boolean isNewerThanView(long sequenceNumber) {
        return sequenceNumber > version;
    }

    void touch(long sequenceNumber, Instant at) {
        this.version = sequenceNumber;
        this.updatedAt = at;
    }

    List<CartResponse.Line> lines() {
        return lines;
    }

    void replaceLines(List<CartResponse.Line> lines) {
        this.lines = new ArrayList<>(lines);
    }

    void assign(String customerId) {
        this.customerId = customerId;
    }

    void promoCode(String promoCode) {
        this.promoCode = promoCode;
    }

    void close(String status, String orderId) {
        this.status = status;
        this.orderId = orderId;
    }

    CartResponse toResponse() {
        var subtotal = lines.stream().map(CartResponse.Line::lineTotal).reduce(Money::plus).orElse(null);
        return new CartResponse(new CartId(cartId), customerId, status, List.copyOf(lines), promoCode, subtotal,
                lines.stream().mapToInt(CartResponse.Line::quantity).sum(),
                orderId == null ? null : new OrderId(orderId), version, createdAt, updatedAt, guestTokenHash);
    }

    static CartResponse.Line line(Sku sku, ProductId productId, String title, Money unitPrice,
                                  int quantity) {
        return new CartResponse.Line(sku, productId, title, unitPrice, quantity, unitPrice.times(quantity));
    }
}
