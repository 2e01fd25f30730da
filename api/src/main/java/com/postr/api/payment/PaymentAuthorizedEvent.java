package com.postr.api.payment;

import com.postr.api.common.Money;

/** @param card null in events stored before cards were recorded, and where the provider did not say */
public record PaymentAuthorizedEvent(PaymentId paymentId, String orderId, String providerReference, Money amount,
                                     CardSummary card) {

    public PaymentAuthorizedEvent(PaymentId paymentId, String orderId, String providerReference, Money amount) {
        this(paymentId, orderId, providerReference, amount, null);
    }
}
