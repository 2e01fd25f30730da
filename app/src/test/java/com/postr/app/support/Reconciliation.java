package com.postr.app.support;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code GET /api/v1/admin/reconciliation} says of one projection. */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** How many aggregates the projection's rows disagree with the event store on. */
    public static long differences(HttpClient admin, String processor) {
        for (JsonNode projection : admin.get("/api/v1/admin/reconciliation").json().get("projections")) {
            if (projection.get("processor").asText().equals(processor)) {
                return projection.get("difference_count").asLong();
            }
        }
        throw new AssertionError("no " + processor + " in the reconciliation");
    }
}
