package com.postr.app.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports each event processor: running or not, in error or not, and per claimed segment whether it has caught
 * up with the event stream. A processor in error means a projection or saga is stuck retrying, so the whole
 * indicator goes DOWN; operators find which one in the details.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        var processors = new LinkedHashMap<String, Object>();
        for (var entry : processing.eventProcessors().entrySet()) {
            var processor = entry.getValue();
            var details = new LinkedHashMap<String, Object>();
            details.put("running", processor.isRunning());
            details.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                var segments = new LinkedHashMap<String, Object>();
                streaming.processingStatus().forEach((segment, status) -> segments.put(Integer.toString(segment),
                        Map.of("caught_up", status.isCaughtUp(), "replaying", status.isReplaying(),
                                "error", status.isErrorState())));
                details.put("claimed_segments", segments);
            }
            healthy &= !processor.isError();
            processors.put(entry.getKey(), details);
        }
        (healthy ? builder.up() : builder.down()).withDetail("processors", processors);
    }
}
