package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPaymentVoidedCommand(@TargetAggregateIdentifier PaymentId paymentId) {
}
