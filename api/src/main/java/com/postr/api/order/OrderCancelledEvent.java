package com.postr.api.order;

import com.postr.api.common.Money;

/**
 * @param previousStatus the state it was cancelled from
 * @param refundDue      what must go back to the customer: the total once payment was authorized (from
 *                       CONFIRMED on), zero before
 */
public record OrderCancelledEvent(OrderId orderId, OrderStatus previousStatus, CancellationReason reason, String note,
                                  String cancelledBy, Money refundDue) {
}
