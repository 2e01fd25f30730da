package com.postr.api.order;

/** Money owed back on a cancelled or returned order that was paid. */
public enum RefundStatus {
    NONE, PENDING, PARTIALLY_REFUNDED, REFUNDED
}
