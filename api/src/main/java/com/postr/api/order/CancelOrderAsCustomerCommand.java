package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A customer cancels their own order online. Unlike staff, they may do so only within the cancel window after
 * placement, and only with reason {@link CancellationReason#CUSTOMER_REQUEST} (null means that one): the Order
 * decides both.
 */
public record CancelOrderAsCustomerCommand(@TargetAggregateIdentifier OrderId orderId,
                                           String customerId,
                                           CancellationReason reason,
                                           String note,
                                           Instant requestedAt) {
}
