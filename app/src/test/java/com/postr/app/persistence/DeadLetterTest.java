package com.postr.app.persistence;

import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.app.support.Eventually;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event a projection cannot apply is parked in PostgreSQL, not skipped, and the others carry on: whether the
 * handler refuses it or the database refuses its write when it is flushed.
 */
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

        assertThat(parkedInCatalog(orphan)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select cause_type from dead_letter_entry where aggregate_identifier = ?"
                + " and processing_group = 'catalog'", String.class, orphan))
                .isEqualTo(IllegalStateException.class.getName());

        // other products are still projected, and the processor is healthy
        var http = Users.admin(port);
        var created = http.post("/api/v1/products", registration("After the orphan", "c", uniqueSku("AFTER")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(http.get("/actuator/health").json().at("/components/eventProcessors/status").asText())
                .isEqualTo("UP");
    }

    @Test
    void parksAnEventWhoseWriteTheDatabaseRefusesAndKeepsProjectingOthers() throws InterruptedException {
        // the API refuses NUL now, but an event stored before that rule, or by another writer, may hold one;
        // PostgreSQL refuses NUL in text, so the catalog's write fails when flushed, not in the handler's code
        var poisoned = "prod_" + UUID.randomUUID().toString().replace("-", "");
        eventStore.publish(new GenericDomainEventMessage<>("Product", poisoned, 0,
                new ProductRegisteredEvent(new ProductId(poisoned), "Poison", "Nobody", "a\u0000b", "c",
                        List.of(), List.of(), List.of(new ProductVariant(new Sku(uniqueSku("NUL")), PosterSize.A3,
                        false, PaperFinish.MATTE, new Money(new BigDecimal("10.00"), "EUR"))))));

        assertThat(parkedInCatalog(poisoned)).isEqualTo(1);

        // the catalog goes on: a product registered after the poison is readable, and health stays UP
        var http = Users.admin(port);
        var created = http.post("/api/v1/products", registration("After the poison", "c", uniqueSku("AFTER")));
        assertThat(created.status()).isEqualTo(201);
        var id = created.json().get("product_id").asText();
        assertThat(http.get("/api/v1/products/" + id).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/products/" + poisoned).status()).isEqualTo(404);
        var health = http.get("/actuator/health").json();
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/eventProcessors/details/processors/catalog/dead_letters").asLong())
                .isPositive();
    }

    /** How many of the aggregate's events the catalog has parked, once it has parked any (20 s at most). */
    private int parkedInCatalog(String aggregateId) {
        return Eventually.assertThat(() -> jdbc.queryForObject("""
                select count(*) from dead_letter_entry
                where processing_group = 'catalog' and aggregate_identifier = ?""", Integer.class, aggregateId),
                parked -> parked > 0, Duration.ofSeconds(20));
    }
}
