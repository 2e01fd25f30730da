package com.postr.query.rebuild;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;

/**
 * A projection that can be rebuilt beside itself. Its tables are copied empty into a schema of their own; while
 * it applies events, the transaction's search_path points there, so the same unqualified table names (and the
 * same JPA entities) reach the new version.
 */
public interface RebuildTarget {

    /** The projection's processing group, which takes over from the rebuilt version. */
    String projection();

    /** The tables that make one version of the read model, moved together. */
    List<String> tables();

    /** One rebuild's work, with what it has learnt so far (the new version starts empty). */
    Run start();

    interface Run {

        /** Applies the next events, in order, within the current transaction; answers how many it skipped. */
        int apply(List<DomainEventMessage<?>> events);

        /** Fills what is derived from the rebuilt rows, just before they take over (same transaction). */
        void complete();
    }
}
