package com.postr.api.analytics;

/** Streams one {@link PromoCodeUse} per code used in confirmed orders, most used first. */
public record PromoCodesReportQuery(DateRange range) {
}
