package com.postr.query.inventory;

import com.postr.api.catalog.Sku;
import com.postr.api.inventory.StockLevelResponse;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "stock_level")
class StockLevelView {

    @Id
    private String sku;
    private int onHand;
    private int reserved;
    private int available;
    private int activeReservations;
    private long version = -1;
    private Instant updatedAt;

    protected StockLevelView() {
    }

    StockLevelView(String sku) {
        this.sku = sku;
    }

    boolean isNewerThanView(long sequenceNumber) {
        return sequenceNumber > version;
    }

    /** Applies a change of on-hand and of reservations, then stamps the event that caused it. */
    void change(int onHand, int reservedChange, int reservationsChange, long sequenceNumber, Instant at) {
        this.onHand = onHand;
        this.reserved += reservedChange;
        this.activeReservations += reservationsChange;
        this.available = this.onHand - this.reserved;
        this.version = sequenceNumber;
        this.updatedAt = at;
    }

    int onHand() {
        return onHand;
    }

    StockLevelResponse toResponse() {
        return new StockLevelResponse(new Sku(sku), onHand, reserved, available, activeReservations, version,
                updatedAt);
    }
}
