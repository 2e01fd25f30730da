package com.postr.api.analytics;

/** How sales are bucketed: by day, by ISO week (starting Monday) or by calendar month. */
public enum Granularity {
    DAY, WEEK, MONTH
}
