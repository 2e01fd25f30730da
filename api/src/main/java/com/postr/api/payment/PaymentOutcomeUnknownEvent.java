package com.postr.api.payment;

public record PaymentOutcomeUnknownEvent(PaymentId paymentId, String orderId, String reason, int attempts) {
}
