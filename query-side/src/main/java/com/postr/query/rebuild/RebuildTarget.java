package com.postr.query.rebuild;

import java.util.List;

/**
 * A projection that can be rebuilt beside itself. Its tables are copied empty into a schema of their own; while
 * it applies events, the transaction's search_path points there, so the same unqualified table names (and the
 * same JPA entities) reach the new version. Its rows are split by a key (an order, say) into segments that are
 * written side by side, each in its own transactions.
 */
public interface RebuildTarget {

    /** The projection's processing group, which takes over from the rebuilt version. */
    String projection();

    /** The tables that make one version of the read model, moved together. */
    List<String> tables();

    /**
     * What the event is about, in the model's own partitioning: all events of one key go to one segment, in order.
     * Null for an event the projection does not handle.
     */
    String keyOf(Object payload);

    /** One segment's work, with what it has learnt so far (the new version starts empty). */
    Run start();

    /** Fills what is derived from the rebuilt rows, just before they take over (same transaction). */
    void complete();

    interface Run {

        /** Applies this segment's next events, in order, within the current transaction; answers how many it skipped. */
        int apply(List<StoredEvent> events);
    }
}
