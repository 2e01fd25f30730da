package com.postr.api.order;

public record OrderDeliveredEvent(OrderId orderId) {
}
