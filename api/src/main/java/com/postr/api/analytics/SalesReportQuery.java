package com.postr.api.analytics;

/** Streams one {@link SalesPeriod} per bucket of the range, empty buckets included, oldest first. */
public record SalesReportQuery(DateRange range, Granularity granularity) {
}
