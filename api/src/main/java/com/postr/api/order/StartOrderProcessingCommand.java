package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


/** Fulfilment started: CONFIRMED to PROCESSING. */
public record StartOrderProcessingCommand(@TargetAggregateIdentifier OrderId orderId) {
}
