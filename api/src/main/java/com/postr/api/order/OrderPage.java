package com.postr.api.order;

import java.util.List;

public record OrderPage(List<OrderResponse> items, int page, int size, long totalItems) {
}
