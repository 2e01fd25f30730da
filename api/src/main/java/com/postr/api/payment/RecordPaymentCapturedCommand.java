package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPaymentCapturedCommand(@TargetAggregateIdentifier PaymentId paymentId) {
}
