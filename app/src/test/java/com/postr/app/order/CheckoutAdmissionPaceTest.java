package com.postr.app.order;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a new order would wait for checkout, from checkout's positions as they are read under load. */
class CheckoutAdmissionPaceTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void aCheckoutBehindAtEveryReadingNeedsItsQueueAtItsOwnPace() {
        var pace = new CheckoutAdmission.Pace();
        // 100 events a second handled, and 3,000 still queued: 30 s for a new order, though the oldest is 4 s old
        Duration expected = Duration.ZERO;
        for (int i = 0; i <= 8; i++) {
            expected = pace.expectedWait(at(i * 250L), 1_000 + i * 25L, 3_000, Duration.ofSeconds(4));
        }
        assertThat(expected).isBetween(Duration.ofMillis(29_900), Duration.ofMillis(30_100));
    }

    @Test
    void aCheckoutThatCaughtUpMeanwhileIsPacedByTheOrdersNotByItselfSoOnlyTheAgeCounts() {
        var pace = new CheckoutAdmission.Pace();
        // two events a second arrive and are handled at once; then a burst of 60 queues behind one slow batch
        pace.expectedWait(at(0), 1_000, 0, Duration.ZERO);
        pace.expectedWait(at(1_000), 1_002, 0, Duration.ZERO);
        var expected = pace.expectedWait(at(2_000), 1_004, 60, Duration.ofMillis(300));
        assertThat(expected).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aCheckoutThatDoesNotMoveIsAsLateAsItsOldestEvent() {
        var pace = new CheckoutAdmission.Pace();
        for (int i = 0; i < 8; i++) {
            pace.expectedWait(at(i * 250L), 1_000, 500, Duration.ofMillis(2_000 + i * 250L));
        }
        assertThat(pace.expectedWait(at(2_000), 1_000, 500, Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aPaceIsOnlyTakenOverHalfTheWindowAtLeast() {
        var pace = new CheckoutAdmission.Pace();
        pace.expectedWait(at(0), 1_000, 3_000, Duration.ofSeconds(1));
        // a quarter second of being behind says little about the pace yet
        assertThat(pace.expectedWait(at(250), 1_010, 3_000, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readingsOlderThanTheWindowNoLongerCount() {
        var pace = new CheckoutAdmission.Pace();
        pace.expectedWait(at(0), 1_000, 0, Duration.ZERO); // caught up then
        for (int i = 1; i <= 20; i++) {
            pace.expectedWait(at(i * 250L), 1_000 + i * 50L, 2_000, Duration.ofSeconds(2));
        }
        // the caught-up reading is 5 s old, beyond the 3 s window: 200 events a second, 2,000 queued
        assertThat(pace.expectedWait(at(5_250), 2_050, 2_000, Duration.ofSeconds(2)))
                .isBetween(Duration.ofMillis(9_900), Duration.ofMillis(10_100));
    }
}
