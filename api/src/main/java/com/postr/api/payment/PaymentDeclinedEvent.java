package com.postr.api.payment;

public record PaymentDeclinedEvent(PaymentId paymentId, String orderId, String declineCode, String message) {
}
