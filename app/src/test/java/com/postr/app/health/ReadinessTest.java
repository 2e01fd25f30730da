package com.postr.app.health;

import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor that cannot get past an event (one without a dead-letter queue, like checkout or the order emails)
 * takes the node out of readiness, with the stuck segment named, and the node is ready again once the fault is
 * fixed and the event goes through.
 */
@PostrIntegrationTest
@Import({ReadinessTest.FlakyProjection.class, ReadinessTest.SlowProjection.class})
@TestPropertySource(properties = "postr.processors.max-lag=3s")
class ReadinessTest {

    /** Takes as long as a test holds it on one product's event, as a projection behind a slow index would. */
    @ProcessingGroup("slow")
    static class SlowProjection {
        static volatile String holdOn;
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @EventHandler
        void on(ProductDiscontinuedEvent event) throws InterruptedException {
            if (event.productId().value().equals(holdOn)) {
                RELEASE.await(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Fails on every event while broken, as a projection does while its database table is locked, say. */
    @ProcessingGroup("flaky")
    static class FlakyProjection {
        static volatile boolean broken;

        @EventHandler
        void on(ProductDiscontinuedEvent event) {
            if (broken) {
                throw new IllegalStateException("flaky projection is broken");
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    @Test
    void aProcessorLaggingBeyondTheLimitMakesTheNodeNotReadyUntilItCatchesUp() {
        var http = new HttpClient(port);
        Eventually.assertThat(() -> http.get("/actuator/health/readiness").status(), s -> s == 200);

        var id = "prod_" + UUID.randomUUID().toString().replace("-", "");
        SlowProjection.holdOn = id;
        eventStore.publish(new GenericDomainEventMessage<>("Product", id, 0,
                new ProductDiscontinuedEvent(new ProductId(id), "slow to project")));

        // the slow processor moves on nothing for longer than postr.processors.max-lag (3 s here)
        var down = Eventually.assertThat(() -> http.get("/actuator/health/readiness"), r -> r.status() == 503,
                Duration.ofSeconds(20));
        var slow = down.json().at("/components/eventProcessors/details/processors/slow");
        assertThat(slow.get("lagging").asBoolean()).isTrue();
        // lagging means beyond 3 s; the figure is in whole milliseconds, so 3.0004 s shows as 3.0
        assertThat(slow.get("lag_seconds").asDouble()).isGreaterThanOrEqualTo(3.0);
        assertThat(slow.at("/claimed_segments/0/error").asBoolean()).isFalse();

        SlowProjection.RELEASE.countDown();
        Eventually.assertThat(() -> http.get("/actuator/health/readiness").status(), s -> s == 200,
                Duration.ofSeconds(20));
    }

    @Test
    void aStuckSegmentMakesTheNodeNotReadyUntilItMovesAgain() {
        var http = new HttpClient(port);
        Eventually.assertThat(() -> http.get("/actuator/health/readiness").status(), s -> s == 200);

        FlakyProjection.broken = true;
        var id = "prod_" + UUID.randomUUID().toString().replace("-", "");
        eventStore.publish(new GenericDomainEventMessage<>("Product", id, 0,
                new ProductDiscontinuedEvent(new ProductId(id), "poison for the flaky projection")));

        var down = Eventually.assertThat(() -> http.get("/actuator/health/readiness"), r -> r.status() == 503,
                Duration.ofSeconds(20));
        assertThat(down.json().at("/components/eventProcessors/status").asText()).isEqualTo("DOWN");
        assertThat(down.json().at("/components/eventProcessors/details/processors/flaky/claimed_segments/0/error")
                .asBoolean()).isTrue();

        FlakyProjection.broken = false;
        // the processor retries with back-off (1, 2, 4 s ...) and gets past the event
        Eventually.assertThat(() -> http.get("/actuator/health/readiness").status(), s -> s == 200,
                Duration.ofSeconds(40));
    }
}
