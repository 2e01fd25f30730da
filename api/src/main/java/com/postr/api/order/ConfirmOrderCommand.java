package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


/** Stock is reserved and payment authorized: PENDING to CONFIRMED. */
public record ConfirmOrderCommand(@TargetAggregateIdentifier OrderId orderId) {
}
