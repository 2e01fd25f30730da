package com.postr.api.order;

/**
 * A subscription query: its initial result is the order's status now ({@link OrderStatusUpdate}, or none for an
 * unknown order); its updates are every later change of status, from any node that handles the order.
 */
public record WatchOrderStatusQuery(OrderId orderId) {
}
