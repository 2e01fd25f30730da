package com.postr.api.payment;

public record PaymentVoidedEvent(PaymentId paymentId, String orderId) {
}
