package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


/** Cancels before shipment, or records a return after it; says who and why. */
public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId,
                                 CancellationReason reason,
                                 String note,
                                 String cancelledBy) {
}
