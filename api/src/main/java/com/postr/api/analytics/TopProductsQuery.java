package com.postr.api.analytics;

/** Streams up to {@code limit} {@link TopProduct}s, best first. */
public record TopProductsQuery(DateRange range, Ranking by, int limit) {

    public enum Ranking { REVENUE, UNITS }
}
