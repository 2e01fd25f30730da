package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPaymentAuthorizedCommand(@TargetAggregateIdentifier PaymentId paymentId, String providerReference) {
}
