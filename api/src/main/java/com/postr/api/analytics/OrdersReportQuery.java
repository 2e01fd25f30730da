package com.postr.api.analytics;

/** Answers an {@link OrdersReport}. */
public record OrdersReportQuery(DateRange range) {
}
