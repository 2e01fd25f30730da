package com.postr.api.analytics;

/** Answers a {@link PaymentsReport}. */
public record PaymentsReportQuery(DateRange range) {
}
