package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


/** Handed to the carrier: PROCESSING to SHIPPED, with a tracking number. */
public record ShipOrderCommand(@TargetAggregateIdentifier OrderId orderId, String carrier, String trackingNumber) {
}
