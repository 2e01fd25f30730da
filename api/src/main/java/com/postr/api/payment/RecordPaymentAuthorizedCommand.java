package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param card what the provider said of the card, or null where it did not say (a webhook) */
public record RecordPaymentAuthorizedCommand(@TargetAggregateIdentifier PaymentId paymentId, String providerReference,
                                             CardSummary card) {

    public RecordPaymentAuthorizedCommand(PaymentId paymentId, String providerReference) {
        this(paymentId, providerReference, null);
    }
}
