package com.postr.api.order;

import java.util.List;

/**
 * @param totalItems the number of matching orders, or -1 for a keyset page (counting them all would cost what
 *                   keyset pagination saves)
 * @param hasMore    whether orders follow this page
 */
public record OrderPage(List<OrderSummary> items, int page, int size, long totalItems, boolean hasMore) {
}
