package com.postr.api.payment;

import com.postr.api.common.Money;

public record PaymentRefundRequestedEvent(PaymentId paymentId, String providerReference, int refundNumber, Money amount,
                                          String reason, String idempotencyKey) {
}
