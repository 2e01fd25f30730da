package com.postr.api.order;

public record OrderProcessingStartedEvent(OrderId orderId) {
}
