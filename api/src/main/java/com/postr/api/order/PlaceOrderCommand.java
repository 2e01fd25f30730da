package com.postr.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Places an order from a cart's checkout or directly. Prices come from the price list at this moment; a promo
 * code must be valid at {@code placedAt}. {@code contactEmail}, if given, receives the confirmation.
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier OrderId orderId,
                                String customerId,
                                List<RequestedItem> items,
                                ShippingAddress shippingAddress,
                                PaymentMethodRef paymentMethod,
                                String promoCode,
                                Instant placedAt,
                                String contactEmail,
                                SalesChannel salesChannel) {

    /** Placed through the shop's own front (a customer's checkout). */
    public PlaceOrderCommand(OrderId orderId, String customerId, List<RequestedItem> items,
                             ShippingAddress shippingAddress, PaymentMethodRef paymentMethod, String promoCode,
                             Instant placedAt, String contactEmail) {
        this(orderId, customerId, items, shippingAddress, paymentMethod, promoCode, placedAt, contactEmail,
                SalesChannel.WEB);
    }
}
