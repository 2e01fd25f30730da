package com.postr.api.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Days from {@code from} to {@code to}, both included, in the business time zone. */
public record DateRange(LocalDate from, LocalDate to) {

    /** Longer ranges are refused: a report of more than this many years is an export's job, not a query's. */
    public static final int MAX_YEARS = 5;

    public DateRange {
        if (from == null || to == null) {
            throw new IllegalArgumentException("A date range needs from and to");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw new IllegalArgumentException("A date range spans at most " + MAX_YEARS + " years");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
