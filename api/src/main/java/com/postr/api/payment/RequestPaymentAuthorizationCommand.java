package com.postr.api.payment;

import com.postr.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a payment for an order: its authorization is to be asked of the provider. */
public record RequestPaymentAuthorizationCommand(@TargetAggregateIdentifier PaymentId paymentId, String orderId, Money amount,
                                                 String paymentMethodToken) {
}
