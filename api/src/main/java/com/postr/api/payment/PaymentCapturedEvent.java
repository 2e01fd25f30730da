package com.postr.api.payment;

import com.postr.api.common.Money;

public record PaymentCapturedEvent(PaymentId paymentId, String orderId, Money amount) {
}
