package com.postr.api.order;

import com.postr.api.common.Money;

/** @param refundedSoFar total refunded including this one; @param status REFUNDED once all that was due is back */
public record OrderRefundedEvent(OrderId orderId, Money amount, String reference, Money refundedSoFar,
                                 RefundStatus status) {
}
