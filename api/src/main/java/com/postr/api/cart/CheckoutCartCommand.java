package com.postr.api.cart;

import com.postr.api.order.OrderId;
import com.postr.api.order.PaymentMethodRef;
import com.postr.api.order.ShippingAddress;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Freezes the cart and places an order with its lines, in one transaction, for the signed-in buyer: their own
 * cart, or a guest cart they prove with its token, which becomes theirs on the way.
 */
public record CheckoutCartCommand(@TargetAggregateIdentifier CartId cartId, OrderId orderId,
                                  ShippingAddress shippingAddress,
                                  PaymentMethodRef paymentMethod, Instant at,
                                  @TargetAggregateVersion Long expectedVersion,
                                  String contactEmail, String customerId, String cartToken) {
}
