package com.postr.api.payment;

import com.postr.api.common.Money;

/** The gateway worker asks the provider, with {@code idempotencyKey}, outside any transaction that stores events. */
public record PaymentAuthorizationRequestedEvent(PaymentId paymentId, String orderId, Money amount,
                                                 String paymentMethodToken, String idempotencyKey) {
}
