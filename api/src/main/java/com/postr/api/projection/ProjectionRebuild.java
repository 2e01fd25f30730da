package com.postr.api.projection;

import java.time.Instant;

/**
 * One rebuild of a projection into a new version of its tables.
 *
 * @param status          {@code RUNNING}, {@code SWITCHING} (caught up; the new version is taking over),
 *                        {@code COMPLETED}, {@code CANCELLED} or {@code FAILED}
 * @param position        the last event position the new version has applied
 * @param head            the event store's head when last looked at
 * @param eventsApplied   events the rebuild has read and applied
 * @param eventsPerSecond its rate since it started
 * @param etaSeconds      time left at that rate, while running
 * @param skipped         events it could not apply (their aggregate's start is missing), counted, not fatal
 */
public record ProjectionRebuild(String id, String projection, String status, Instant startedAt, Instant finishedAt,
                                long position, long head, double progressPercent, long eventsApplied,
                                double eventsPerSecond, Long etaSeconds, long skipped, String error) {
}
