package com.postr.api.payment;

import com.postr.api.common.Money;

public record PaymentRefundedEvent(PaymentId paymentId, String orderId, int refundNumber, Money amount, String providerReference,
                                   Money refundedSoFar) {
}
