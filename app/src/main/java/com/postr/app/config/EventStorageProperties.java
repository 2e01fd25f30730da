package com.postr.app.config;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long an appended event may take to commit, and how long the processors wait for one that has not (a gap in
 * {@code global_index}). A processor gives a gap up after {@code gapTimeout}, or once {@code maxGapOffset} later
 * events exist; an event committing after that would be skipped for good (AxonFramework #4829). So the commit of an
 * append is bounded below both: PostgreSQL ends a transaction still open {@code appendCommitTimeout} after its
 * first event insert.
 *
 * @param appendCommitTimeout from an event insert to its commit, at most; must stay below {@code gapTimeout}
 * @param gapTimeout          how long a processor waits for an event below the highest one it has seen
 * @param maxGapOffset        how many later events a processor waits through; keep it above peak events per second
 *                            times {@code appendCommitTimeout}
 * @param fetchSize           events a processor (or a rebuild) reads per query while it is behind
 */
@ConfigurationProperties("postr.events")
public record EventStorageProperties(@DefaultValue("60s") Duration appendCommitTimeout,
                                     @DefaultValue("10m") Duration gapTimeout,
                                     @DefaultValue("1000000") int maxGapOffset,
                                     @DefaultValue("1000") int fetchSize) {
    public EventStorageProperties {
        Settings.positive("postr.events.append-commit-timeout", appendCommitTimeout);
        Settings.positive("postr.events.gap-timeout", gapTimeout);
        Settings.positive("postr.events.max-gap-offset", maxGapOffset);
        Settings.positive("postr.events.fetch-size", fetchSize);
        if (appendCommitTimeout.compareTo(gapTimeout) >= 0) {
            throw new IllegalArgumentException("postr.events.append-commit-timeout (" + appendCommitTimeout
                    + ") must be shorter than postr.events.gap-timeout (" + gapTimeout + "), or a late commit can be"
                    + " skipped by the processors");
        }
        if (gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("postr.events.gap-timeout must be under 24 days");
        }
    }
}
