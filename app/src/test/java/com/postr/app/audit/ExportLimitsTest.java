package com.postr.app.audit;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportLimitsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private ExportLimits limits(int maxConcurrent, int maxPerCaller, int eventsPerSecond) {
        return new ExportLimits(new AuditProperties(false,
                new AuditProperties.Export(maxConcurrent, maxPerCaller, eventsPerSecond)), meters);
    }

    @Test
    void aCallerRunsOneExportAtATimeAndTheNodeAFew() {
        var limits = limits(2, 1, 0);
        var first = limits.acquire("ana");
        assertThatThrownBy(() -> limits.acquire("ana")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
            assertThat(e.details()).containsEntry("retry_after_seconds", ExportLimits.RETRY_AFTER_SECONDS);
        });
        limits.acquire("ben");
        assertThatThrownBy(() -> limits.acquire("cem")).isInstanceOf(ApiException.class);

        first.end(ExportLimits.Outcome.CANCELLED);
        first.end(ExportLimits.Outcome.CANCELLED);  // ending twice frees one place, once
        limits.acquire("ana");
        assertThatThrownBy(() -> limits.acquire("cem")).isInstanceOf(ApiException.class);
        assertThat(meters.get("postr.audit.exports").tag("outcome", "cancelled").counter().count()).isEqualTo(1);
        assertThat(meters.get("postr.audit.exports.running").gauge().value()).isEqualTo(2);
    }

    @Test
    void anExportReadsNoFasterThanItsPace() throws InterruptedException {
        var slot = limits(4, 1, 2_000).acquire("ana");
        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            slot.paced();
        }
        // 1,000 events at 2,000 a second cannot take less than half a second
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(490);
        slot.end(ExportLimits.Outcome.COMPLETED);
    }
}
