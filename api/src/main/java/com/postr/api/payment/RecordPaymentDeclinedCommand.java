package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPaymentDeclinedCommand(@TargetAggregateIdentifier PaymentId paymentId, String declineCode, String message) {
}
