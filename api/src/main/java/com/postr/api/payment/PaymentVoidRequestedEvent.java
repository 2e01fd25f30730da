package com.postr.api.payment;

public record PaymentVoidRequestedEvent(PaymentId paymentId, String providerReference, String reason, String idempotencyKey) {
}
