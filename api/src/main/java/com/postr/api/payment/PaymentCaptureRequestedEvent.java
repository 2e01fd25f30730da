package com.postr.api.payment;

import com.postr.api.common.Money;

public record PaymentCaptureRequestedEvent(PaymentId paymentId, String providerReference, Money amount, String idempotencyKey) {
}
