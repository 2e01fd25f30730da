package com.postr.api.order;

public record FetchOrderQuery(OrderId orderId) {
}
