package com.postr.api.common;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** @param payload the event record itself; @param metadata who and what caused it (request id, correlation) */
public record EventHistoryResponse(String aggregateId, List<Entry> events) {

    public record Entry(long sequence, String type, Instant occurredAt, Object payload, Map<String, Object> metadata) {
    }
}
