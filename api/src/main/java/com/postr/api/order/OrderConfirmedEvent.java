package com.postr.api.order;

public record OrderConfirmedEvent(OrderId orderId) {
}
