package com.postr.app.audit;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Who may start an export now, and how fast it may read. Exports are counted by how they ended, so an operator sees
 * downloads that were abandoned (the client went away and the export stopped reading) apart from finished ones.
 */
@Component
class ExportLimits {

    static final int RETRY_AFTER_SECONDS = 10;

    private final AuditProperties.Export settings;
    private final Map<String, Integer> perCaller = new HashMap<>();
    private final Map<Outcome, Counter> ended = new EnumMap<>(Outcome.class);
    private int running;

    ExportLimits(AuditProperties properties, MeterRegistry meters) {
        this.settings = properties.export();
        for (var outcome : Outcome.values()) {
            ended.put(outcome, Counter.builder("postr.audit.exports").description("Event exports by how they ended")
                    .tag("outcome", outcome.name().toLowerCase()).register(meters));
        }
        Gauge.builder("postr.audit.exports.running", this, limits -> limits.running())
                .description("Event exports streaming now").register(meters);
    }

    /** A place for one export, or 429 when the caller or the node runs as many as allowed. */
    synchronized Slot acquire(String caller) {
        int mine = perCaller.getOrDefault(caller, 0);
        if (mine >= settings.maxPerCaller()) {
            throw refused("You already run " + mine + " export(s); wait for it to end, or resume later from its "
                    + "last_position");
        }
        if (running >= settings.maxConcurrent()) {
            throw refused("The server runs as many exports as it allows; retry shortly");
        }
        perCaller.merge(caller, 1, Integer::sum);
        running++;
        return new Slot(caller);
    }

    private synchronized int running() {
        return running;
    }

    private synchronized void release(String caller) {
        perCaller.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
        running--;
    }

    private static ApiException refused(String message) {
        return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, message,
                Map.of("retry_after_seconds", RETRY_AFTER_SECONDS));
    }

    enum Outcome { COMPLETED, CANCELLED, FAILED }

    /** One running export: paces its reads, and frees its place once, however it ended. */
    final class Slot {

        private final String caller;
        private final long started = System.nanoTime();
        private long events;
        private boolean released;

        private Slot(String caller) {
            this.caller = caller;
        }

        /** Called per event written: sleeps while the export is ahead of its allowed pace. */
        void paced() throws InterruptedException {
            events++;
            int rate = settings.maxEventsPerSecond();
            if (rate == 0 || events % 100 != 0) {
                return;
            }
            long due = started + events * TimeUnit.SECONDS.toNanos(1) / rate;
            long ahead = due - System.nanoTime();
            if (ahead > 0) {
                TimeUnit.NANOSECONDS.sleep(ahead);
            }
        }

        void end(Outcome outcome) {
            if (released) {
                return;
            }
            released = true;
            release(caller);
            ended.get(outcome).increment();
        }
    }
}
