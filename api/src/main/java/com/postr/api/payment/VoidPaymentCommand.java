package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel an authorization that was not captured. */
public record VoidPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, String reason) {
}
