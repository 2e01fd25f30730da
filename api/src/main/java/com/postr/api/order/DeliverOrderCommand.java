package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


/** The carrier confirmed delivery: SHIPPED to DELIVERED. */
public record DeliverOrderCommand(@TargetAggregateIdentifier OrderId orderId) {
}
