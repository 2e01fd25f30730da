package com.postr.app.operations;

import com.postr.app.operations.EventStorePositions.Head;
import com.postr.app.operations.EventStorePositions.StoredToken;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event processors of this node, as an operator sees them: segments with their owner node and position
 * (owners and positions of segments other nodes hold come from token_entry), the event store's head, lag in events
 * and seconds, and during a replay its progress, rate and time left. Stop, start and reset act on this node's
 * processor; a reset replays from the first event (its reset handler empties the read model first).
 */
@Component
class ProcessorAdmin {

    private final EventProcessingConfiguration processing;
    private final EventStorePositions positions;
    private final Clock clock;
    /** The last position seen per processor, to tell a replay's rate between two looks. */
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    ProcessorAdmin(EventProcessingConfiguration processing, EventStorePositions positions, Clock clock) {
        this.processing = processing;
        this.positions = positions;
        this.clock = clock;
    }

    private record Sample(Instant at, long position, double rate) {
    }

    record Segment(int segment, int of, String owner, Long position, Boolean caughtUp, Boolean replaying,
                   String error) {
    }

    record Replay(long resetPosition, double progressPercent, Double eventsPerSecond, Long etaSeconds) {
    }

    record View(String name, String kind, String status, boolean running, List<Segment> segments, Long position,
                Long lagEvents, Double lagSeconds, Replay replay) {
    }

    record Overview(long head, Instant headAt, List<View> processors) {
    }

    Overview overview() {
        var head = positions.head();
        var views = new ArrayList<View>();
        var stored = positions.storedTokens();
        processing.eventProcessors().entrySet().stream().sorted(Entry.comparingByKey())
                .forEach(entry -> views.add(view(entry.getKey(), entry.getValue(), head,
                        stored.getOrDefault(entry.getKey(), Map.of()))));
        return new Overview(head.position(), head.at(), views);
    }

    View one(String name) {
        var head = positions.head();
        return view(name, processor(name), head, positions.storedTokens().getOrDefault(name, Map.of()));
    }

    private View view(String name, EventProcessor processor, Head head, Map<Integer, StoredToken> stored) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            var running = processor.isRunning();
            return new View(name, processor instanceof SubscribingEventProcessor ? "subscribing" : "other",
                    running ? "running" : "stopped", running, List.of(), null, null, null, null);
        }
        var local = streaming.processingStatus();
        var segments = new ArrayList<Segment>();
        Long slowest = null;
        boolean replaying = false;
        boolean error = processor.isError();
        EventTrackerStatus replayStatus = null;
        var ids = new java.util.TreeSet<>(stored.keySet());
        ids.addAll(local.keySet());
        for (int id : ids) {
            var status = local.get(id);
            var row = stored.get(id);
            Long position = status != null ? boxed(status.getCurrentPosition()) : row == null ? null : row.position();
            if (position != null) {
                slowest = slowest == null ? position : Math.min(slowest, position);
            }
            boolean segmentReplaying = status != null && replaying(status);
            if (status != null) {
                replaying |= segmentReplaying;
                error |= status.isErrorState();
                if (segmentReplaying) {
                    replayStatus = status;
                }
            }
            segments.add(new Segment(id, status == null ? 0 : status.getSegment().getMask() + 1,
                    row == null ? null : row.owner(), position, status == null ? null : status.isCaughtUp(),
                    status == null ? null : segmentReplaying,
                    status == null || status.getError() == null ? null : status.getError().toString()));
        }
        var kind = processor instanceof TrackingEventProcessor ? "tracking"
                : processor instanceof PooledStreamingEventProcessor ? "pooled" : "streaming";
        var statusText = error ? "error" : !processor.isRunning() ? "stopped" : replaying ? "replaying" : "running";
        Long lag = slowest == null || head.position() < 0 ? null : Math.max(0, head.position() - slowest);
        return new View(name, kind, statusText, processor.isRunning(), segments, slowest, lag,
                lag == null ? null : lagSeconds(slowest, lag), replay(name, replayStatus, slowest));
    }

    /**
     * Axon keeps a replay token until an event beyond the reset point arrives; a segment that has caught up with
     * everything there was at the reset has finished its replay, as far as anyone reading the model can tell.
     */
    private static boolean replaying(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return false;
        }
        var reset = status.getResetPosition();
        var current = status.getCurrentPosition();
        return !(status.isCaughtUp() && reset.isPresent() && current.isPresent()
                && current.getAsLong() >= reset.getAsLong());
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** The age of the oldest event the processor has not handled; 0 when it has none to handle. */
    private Double lagSeconds(long position, long lag) {
        if (lag == 0) {
            return 0.0;
        }
        return positions.ageOfOldestAfter(position, clock.instant()).toMillis() / 1000.0;
    }

    private Replay replay(String name, EventTrackerStatus status, Long position) {
        if (status == null || position == null || status.getResetPosition().isEmpty()) {
            samples.remove(name);
            return null;
        }
        long reset = status.getResetPosition().getAsLong();
        var now = clock.instant();
        var previous = samples.get(name);
        double rate = previous == null ? Double.NaN : previous.rate();
        if (previous != null && position > previous.position() && now.isAfter(previous.at())) {
            rate = (position - previous.position()) * 1000.0 / Duration.between(previous.at(), now).toMillis();
        }
        if (previous == null || position != previous.position()) {
            samples.put(name, new Sample(now, position, rate));
        }
        var percent = reset <= 0 ? 100.0 : Math.min(100.0, Math.round(position * 1000.0 / reset) / 10.0);
        return new Replay(reset, percent, Double.isNaN(rate) ? null : Math.round(rate * 10) / 10.0,
                Double.isNaN(rate) || rate <= 0 ? null : (long) Math.ceil(Math.max(0, reset - position) / rate));
    }

    void require(String name) {
        processor(name);
    }

    private EventProcessor processor(String name) {
        return processing.eventProcessor(name)
                .orElseThrow(() -> ApiException.notFound("Event processor", name));
    }

    void stop(String name) {
        processor(name).shutDown();
    }

    void start(String name) {
        processor(name).start();
    }

    /** From the first event again: the processor stops, its reset handlers run, and it starts replaying. */
    void reset(String name) {
        var processor = processor(name);
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "Event processor '" + name
                    + "' cannot be reset: it keeps no position in the event stream", Map.of("processor", name));
        }
        processor.shutDown();
        streaming.resetTokens();
        processor.start();
    }
}
