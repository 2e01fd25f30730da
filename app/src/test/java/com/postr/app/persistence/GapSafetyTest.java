package com.postr.app.persistence;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.app.support.Eventually;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No event is ever skipped because it committed late (AxonFramework #4829): an append that commits while later
 * events are already handled is still projected, and one held open longer than postr.events.append-commit-timeout
 * (2 s here) is ended by PostgreSQL, so it never commits after the processors' gap time-out (4 s here) has passed.
 */
@PostrIntegrationTest
@TestPropertySource(properties = {"postr.events.append-commit-timeout=2s", "postr.events.gap-timeout=4s"})
class GapSafetyTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAppendThatCommitsAfterLaterEventsIsStillProjected() {
        var admin = Users.admin(port);
        var late = productId();

        transactions.executeWithoutResult(tx -> {
            register(late);
            // a later event commits, and the catalog handles it, while this one is still uncommitted
            var later = admin.post("/api/v1/products", registration("Committed meanwhile", "c", uniqueSku("GAP")));
            assertThat(later.status()).isEqualTo(201);
            sleep(1_000);
        });

        Eventually.assertThat(() -> admin.get("/api/v1/products/" + late).status(), status -> status == 200);
    }

    @Test
    void anAppendHeldOpenPastTheCommitBoundIsEndedAndNeverCommitsLate() {
        var admin = Users.admin(port);
        var late = productId();

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            register(late);
            sleep(5_000); // past the commit bound and past the gap time-out
        })).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, late)).isZero();
        // the catalog goes on past the abandoned gap
        var after = admin.post("/api/v1/products", registration("After the gap", "c", uniqueSku("GAP")));
        assertThat(after.status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/products/" + after.json().get("product_id").asText()).status())
                .isEqualTo(200);
    }

    private void register(String productId) {
        eventStore.publish(new GenericDomainEventMessage<>("Product", productId, 0,
                new ProductRegisteredEvent(new ProductId(productId), "Late", "Nobody", "late", "c", List.of(),
                        List.of(), List.of(new ProductVariant(new Sku(uniqueSku("LATE")), PosterSize.A3, false,
                        PaperFinish.MATTE, new Money(new BigDecimal("10.00"), "EUR"))))));
    }

    private static String productId() {
        return "prod_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
