package com.postr.api.order;

import java.util.List;

/** The order as sold: lines with fixed prices and titles, the full breakdown, where it goes, how it is paid. */
public record OrderPlacedEvent(OrderId orderId, String customerId, List<OrderLine> lines, PriceBreakdown prices,
                               String promoCode, ShippingAddress shippingAddress, PaymentMethodRef paymentMethod,
                               String contactEmail) {
}
