package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider did not answer; the payment may or may not be authorized until reconciled. */
public record RecordPaymentOutcomeUnknownCommand(@TargetAggregateIdentifier PaymentId paymentId, String reason) {
}
