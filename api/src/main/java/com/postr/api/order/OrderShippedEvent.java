package com.postr.api.order;

public record OrderShippedEvent(OrderId orderId, String carrier, String trackingNumber) {
}
