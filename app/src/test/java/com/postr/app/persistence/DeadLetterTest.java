package com.postr.app.persistence;

import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** An event a projection cannot apply is parked in PostgreSQL, not skipped, and the others carry on. */
@PostrIntegrationTest
class DeadLetterTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void parksAnEventTheCatalogCannotApplyAndKeepsProjectingOthers() throws InterruptedException {
        // a change to a product the catalog never saw created: the projection refuses it
        var orphan = "prod_" + UUID.randomUUID().toString().replace("-", "");
        eventStore.publish(new GenericDomainEventMessage<>("Product", orphan, 0,
                new ProductDiscontinuedEvent(new ProductId(orphan), "orphan")));

        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        int parked = 0;
        while (parked == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            parked = jdbc.queryForObject("""
                    select count(*) from dead_letter_entry
                    where processing_group = 'catalog' and aggregate_identifier = ?""", Integer.class, orphan);
        }
        assertThat(parked).isEqualTo(1);
        assertThat(jdbc.queryForObject("select cause_type from dead_letter_entry where aggregate_identifier = ?",
                String.class, orphan)).isEqualTo(IllegalStateException.class.getName());

        // other products are still projected, and the processor is healthy
        var http = Users.admin(port);
        var created = http.post("/api/v1/products", registration("After the orphan", "c", uniqueSku("AFTER")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(http.get("/actuator/health").json().at("/components/eventProcessors/status").asText())
                .isEqualTo("UP");
    }
}
