package com.postr.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Capture the authorized amount (at shipment by default). */
public record CapturePaymentCommand(@TargetAggregateIdentifier PaymentId paymentId) {
}
