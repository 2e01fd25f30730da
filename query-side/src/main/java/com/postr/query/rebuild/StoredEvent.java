package com.postr.query.rebuild;

import java.time.Instant;

/**
 * One event as a rebuild applies it: what a projection's rules read, and nothing they don't (no metadata, no
 * message wrapper), so a million of them cost little to read.
 *
 * @param position       the event's global index
 * @param sequenceNumber its aggregate's sequence number
 * @param timestamp      when it happened
 * @param payload        the deserialized, upcast event
 */
public record StoredEvent(long position, String aggregateId, long sequenceNumber, Instant timestamp, Object payload) {
}
