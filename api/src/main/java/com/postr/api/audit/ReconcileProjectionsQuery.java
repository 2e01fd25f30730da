package com.postr.api.audit;

/**
 * Compares each projection's read model with the events in the store that it has handled (up to its token's
 * position), aggregate by aggregate, in one snapshot of the database; answers a {@link ReconciliationReport}.
 */
public record ReconcileProjectionsQuery() {
}
