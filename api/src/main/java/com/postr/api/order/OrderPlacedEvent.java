package com.postr.api.order;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The order as sold: lines with fixed prices and titles, the full breakdown, where it goes, how it is paid, and
 * through which channel. Revision 2 added {@code salesChannel}; revision-1 events are read as WEB
 * (OrderPlacedSalesChannelUpcaster), the only channel there was.
 */
@Revision("2")
public record OrderPlacedEvent(OrderId orderId, String customerId, List<OrderLine> lines, PriceBreakdown prices,
                               String promoCode, ShippingAddress shippingAddress, PaymentMethodRef paymentMethod,
                               String contactEmail, SalesChannel salesChannel) {
}
