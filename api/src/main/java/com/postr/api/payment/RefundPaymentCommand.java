package com.postr.api.payment;

import com.postr.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give back part or all of a captured amount. */
public record RefundPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, Money amount, String reason) {
}
