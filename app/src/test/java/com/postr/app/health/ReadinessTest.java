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

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor that cannot get past an event (one without a dead-letter queue, like checkout or the order emails)
 * takes the node out of readiness, with the stuck segment named, and the node is ready again once the fault is
 * fixed and the event goes through.
 */
@PostrIntegrationTest
@Import(ReadinessTest.FlakyProjection.class)
class ReadinessTest {

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
