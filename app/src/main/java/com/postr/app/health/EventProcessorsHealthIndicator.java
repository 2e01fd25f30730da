package com.postr.app.health;

import com.postr.app.operations.EventStorePositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports each event processor and each of its claimed segments, and is part of readiness. It goes DOWN when a
 * processor or any one segment is in error (a projection or saga stuck retrying), or when a segment that has
 * not caught up has not moved for {@code postr.processors.stall-after}: events wait and nothing handles them, or
 * when a processor's oldest unhandled event is older than {@code postr.processors.max-lag}: it moves, but too slowly
 * for what this node serves to be current (a replay, which is behind on purpose, is left out).
 * Events parked in the dead-letter queue are counted per processor; they block only their own aggregate, so
 * they are shown, not a reason to stop routing traffic here.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final EventStorePositions positions;
    private final Duration stallAfter;
    private final Duration maxLag;
    private final Clock clock;
    /** Per "processor/segment": the position last seen and since when it has not changed. */
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                   EventStorePositions positions, Clock clock, ProcessorHealthProperties properties) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.positions = positions;
        this.clock = clock;
        this.stallAfter = properties.stallAfter();
        this.maxLag = properties.maxLag();
    }

    private record Progress(long position, Instant since) {
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        var deadLetters = deadLettersPerProcessor();
        var processors = new LinkedHashMap<String, Object>();
        var now = clock.instant();
        var head = positions.head().position();
        for (var entry : processing.eventProcessors().entrySet()) {
            var processor = entry.getValue();
            var details = new LinkedHashMap<String, Object>();
            details.put("running", processor.isRunning());
            details.put("error", processor.isError());
            healthy &= !processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                var segments = new LinkedHashMap<String, Object>();
                long slowest = Long.MAX_VALUE;
                for (var status : streaming.processingStatus().entrySet()) {
                    var segment = status.getValue();
                    var position = segment.getCurrentPosition().orElse(-1);
                    var key = entry.getKey() + "/" + status.getKey();
                    var seen = progress.compute(key, (k, last) -> last == null || last.position() != position
                            ? new Progress(position, now) : last);
                    boolean stalled = !segment.isCaughtUp() && !segment.isReplaying()
                            && Duration.between(seen.since(), now).compareTo(stallAfter) > 0;
                    healthy &= !segment.isErrorState() && !stalled;
                    if (!segment.isReplaying()) { // -1: nothing handled yet, so every event waits
                        slowest = Math.min(slowest, position);
                    }
                    var segmentDetails = new LinkedHashMap<String, Object>();
                    segmentDetails.put("caught_up", segment.isCaughtUp());
                    segmentDetails.put("replaying", segment.isReplaying());
                    segmentDetails.put("error", segment.isErrorState());
                    segmentDetails.put("stalled", stalled);
                    segmentDetails.put("position", position);
                    segments.put(Integer.toString(status.getKey()), segmentDetails);
                }
                details.put("claimed_segments", segments);
                var lag = slowest < head ? positions.ageOfOldestAfter(slowest, now) : Duration.ZERO;
                boolean lagging = lag.compareTo(maxLag) > 0;
                healthy &= !lagging;
                details.put("lag_seconds", lag.toMillis() / 1000.0);
                details.put("lagging", lagging);
            }
            details.put("dead_letters", deadLetters.getOrDefault(entry.getKey(), 0L));
            processors.put(entry.getKey(), details);
        }
        (healthy ? builder.up() : builder.down()).withDetail("processors", processors);
    }

    private Map<String, Long> deadLettersPerProcessor() {
        var counts = new LinkedHashMap<String, Long>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
