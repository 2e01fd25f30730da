package com.postr.api.payment;

import com.postr.api.common.Money;

public record PaymentAuthorizedEvent(PaymentId paymentId, String orderId, String providerReference, Money amount) {
}
