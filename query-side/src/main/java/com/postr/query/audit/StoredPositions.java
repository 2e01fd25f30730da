package com.postr.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each event of some aggregates sits in the whole store. The event store's own streams carry sequence
 * numbers only; audits order events of several streams by their global position.
 */
public final class StoredPositions {

    public record Stored(String aggregateId, long sequence, long globalPosition) {
    }

    private StoredPositions() {
    }

    public static List<Stored> of(JdbcTemplate jdbc, String... aggregateIds) {
        var found = new ArrayList<Stored>();
        jdbc.query("SELECT aggregate_identifier, sequence_number, global_index FROM domain_event_entry "
                        + "WHERE aggregate_identifier IN (" + String.join(", ",
                        Collections.nCopies(aggregateIds.length, "?")) + ")",
                row -> {
                    found.add(new Stored(row.getString(1), row.getLong(2), row.getLong(3)));
                }, (Object[]) aggregateIds);
        return found;
    }
}
