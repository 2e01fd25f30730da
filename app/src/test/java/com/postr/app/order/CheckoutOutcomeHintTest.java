package com.postr.app.order;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** How long Retry-After asks a poller to wait: the configured pause, then a quarter of the order's wait so far. */
class CheckoutOutcomeHintTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final CheckoutOutcome outcome = new CheckoutOutcome(null, null,
            new CheckoutWaitProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10)), null,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private String retryAfter(boolean pending, Instant placedAt) {
        return outcome.hinted(ResponseEntity.ok("order"), pending, placedAt).getHeaders().getFirst("Retry-After");
    }

    @Test
    void aFreshPendingOrderIsWorthAnotherLookInASecond() {
        assertThat(retryAfter(true, NOW.minusSeconds(3))).isEqualTo("1");
        assertThat(retryAfter(true, null)).isEqualTo("1");
    }

    @Test
    void theLongerAnOrderHasBeenPendingTheLongerThePauseUpToTenSeconds() {
        assertThat(retryAfter(true, NOW.minusSeconds(20))).isEqualTo("5");
        assertThat(retryAfter(true, NOW.minusSeconds(600))).isEqualTo("10");
    }

    @Test
    void aSettledOrderAsksForNoPoll() {
        var answer = outcome.hinted(ResponseEntity.ok("order"), false, NOW.minusSeconds(20));
        assertThat(answer.getHeaders().containsKey("Retry-After")).isFalse();
        assertThat(answer.getBody()).isEqualTo("order");
    }
}
