package com.postr.query.rebuild;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventScanTimestampTest {

    @Test
    void readsTheStoresTimestampsAsAxonDoes() {
        for (var text : List.of("2026-12-02T05:30:01.123Z", "2026-12-02T05:30:01Z", "2024-02-29T23:59:59.9Z",
                "1970-01-01T00:00:00.000Z", "2026-12-02T05:30:01.123456789Z", "2026-12-02T05:30:01.000001Z",
                "1969-12-31T23:59:59.999Z", DateTimeUtils.formatInstant(Instant.now()))) {
            assertThat(EventScan.instant(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void leavesAnyOtherShapeToAxonsParser() {
        assertThat(EventScan.instant("2026-12-02T06:30:01.123+01:00")).isEqualTo(Instant.parse("2026-12-02T05:30:01.123Z"));
        assertThatThrownBy(() -> EventScan.instant("2026-02-30T05:30:01.123Z")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> EventScan.instant("2026-12-02T25:30:01.123Z")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> EventScan.instant("2026-1x-02T05:30:01.123Z")).isInstanceOf(RuntimeException.class);
    }
}
