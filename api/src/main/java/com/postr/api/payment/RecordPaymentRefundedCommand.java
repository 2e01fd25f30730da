package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPaymentRefundedCommand(@TargetAggregateIdentifier PaymentId paymentId, int refundNumber, String providerReference) {
}
