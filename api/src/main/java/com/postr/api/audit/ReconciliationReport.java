package com.postr.api.audit;

import java.time.Instant;
import java.util.List;

/** What each projection holds against what its events say; consistent when no projection has a difference. */
public record ReconciliationReport(Instant at, boolean consistent, List<Projection> projections) {

    /**
     * @param aggregates  how many aggregates the events it has handled name
     * @param parked      aggregates left out because their events are parked in its dead-letter queue
     * @param differences the first differences, up to 100; {@code differenceCount} counts them all
     */
    public record Projection(String processor, String model, Long position, long aggregates, long parked,
                             long differenceCount, List<Difference> differences) {
    }

    /**
     * @param kind {@code MISSING} (events, no row), {@code BEHIND} (the row misses events it should have),
     *             {@code AHEAD} (the row shows events the store does not hold) or {@code UNKNOWN} (a row without
     *             any event)
     */
    public record Difference(String aggregateId, String kind, Long expectedVersion, Long actualVersion) {
    }
}
