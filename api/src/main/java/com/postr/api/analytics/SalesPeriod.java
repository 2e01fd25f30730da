package com.postr.api.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The sales of one bucket (docs/analytics.md defines each figure).
 *
 * @param period           the bucket's first day
 * @param revenue          confirmed orders' totals less refunds paid in the bucket
 * @param averageOrderValue confirmed orders' totals over their number, before refunds; null without confirmed orders
 */
public record SalesPeriod(LocalDate period, long ordersPlaced, long ordersConfirmed, BigDecimal grossSales,
                          BigDecimal refunds, BigDecimal revenue, BigDecimal averageOrderValue, long units,
                          BigDecimal discounts, BigDecimal tax, BigDecimal shipping) {
}
