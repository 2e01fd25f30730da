package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.postr.api.common.Money;

/** Money went back to the customer (all or part of what is owed). */
public record RecordOrderRefundCommand(@TargetAggregateIdentifier OrderId orderId, Money amount, String reference) {
}
