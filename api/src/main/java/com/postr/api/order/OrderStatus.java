package com.postr.api.order;

/** The order states of the design document (seed 003, section 5.2). */
public enum OrderStatus {
    PENDING, CONFIRMED, PROCESSING, SHIPPED, DELIVERED, CANCELLED
}
