package com.postr.app.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param showPersonalData whether auditors see names, addresses and emails in event payloads; masked otherwise
 *                         (staff, who serve the customers, always see them)
 * @param export           how much of the event store exports may read at once
 */
@ConfigurationProperties("postr.audit")
public record AuditProperties(@DefaultValue("false") boolean showPersonalData, @DefaultValue Export export) {

    /**
     * An export reads the event store from a position to its head, so exports are limited where they cost: how many
     * run at once, and how fast each one reads.
     *
     * @param maxConcurrent        exports running at once on this node
     * @param maxPerCaller         exports one caller may run at once
     * @param maxEventsPerSecond   the pace of one export; 0 for no limit
     */
    public record Export(@DefaultValue("4") int maxConcurrent, @DefaultValue("1") int maxPerCaller,
                         @DefaultValue("20000") int maxEventsPerSecond) {

        public Export {
            if (maxConcurrent < 1 || maxPerCaller < 1 || maxPerCaller > maxConcurrent) {
                throw new IllegalArgumentException("postr.audit.export: max-concurrent and max-per-caller must be at "
                        + "least 1, and max-per-caller at most max-concurrent");
            }
            if (maxEventsPerSecond < 0) {
                throw new IllegalArgumentException("postr.audit.export.max-events-per-second must be 0 (no limit) "
                        + "or more");
            }
        }
    }
}
