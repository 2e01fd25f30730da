package com.postr.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection's poisoned event through the dead-letter API: listed with its event, error, attempts and sequence,
 * retried automatically with back-off until parked (3 attempts, 1 s then 2 s, in the test profile), the projection
 * going on for everything else meanwhile, and retried by an operator once the fault is fixed.
 */
@PostrIntegrationTest
class DeadLettersApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    HttpClient admin;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
    }

    @Test
    void aPoisonedEventIsRetriedWithBackOffThenParkedAndGoesThroughOnceTheFaultIsFixed() {
        // changes to a product the catalog never saw registered: it refuses them
        var orphan = orphanId();
        discontinue(orphan, 0, "first");
        discontinue(orphan, 1, "second");

        var letters = Eventually.assertThat(() -> lettersOf(orphan), found -> found.size() == 2);
        var head = letters.get(0);
        assertThat(head.get("processor").asText()).isEqualTo("catalog");
        assertThat(head.get("sequence").asText()).isEqualTo(orphan);
        assertThat(head.get("attempts").asInt()).isPositive();
        assertThat(head.at("/cause/type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(head.at("/cause/message").asText()).contains("missing");
        assertThat(head.at("/event/type").asText()).isEqualTo(ProductDiscontinuedEvent.class.getName());
        assertThat(head.at("/event/aggregate_id").asText()).isEqualTo(orphan);
        assertThat(head.at("/event/sequence_number").asLong()).isZero();
        assertThat(head.at("/event/payload/reason").asText()).isEqualTo("first");
        // the second waits behind the first: a letter blocks its own aggregate, in order
        assertThat(letters.get(1).get("status").asText()).isEqualTo("queued");
        assertThat(letters.get(1).at("/event/sequence_number").asLong()).isOne();

        // the catalog goes on for every other product
        var created = admin.post("/api/v1/products", registration("Beside the poison", "c", uniqueSku("DLQ")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/products/" + created.json().get("product_id").asText()).status())
                .isEqualTo(200);

        // retried without an operator until the attempts run out, then parked
        var parked = Eventually.assertThat(() -> lettersOf(orphan).get(0),
                letter -> letter.get("status").asText().equals("parked"), Duration.ofSeconds(30));
        assertThat(parked.get("attempts").asInt()).isEqualTo(3);
        assertThat(parked.get("next_retry_at").isNull()).isTrue();
        var id = parked.get("id").asText();
        assertThat(admin.get("/api/v1/admin/dead-letters/" + id).json().get("status").asText())
                .isEqualTo("parked");

        // the fault is fixed (the product's row restored by hand), and an operator retries
        restoreCatalogRowOf(orphan, created.json().get("product_id").asText());
        var retried = admin.post("/api/v1/admin/dead-letters/" + id + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asBoolean()).isTrue();
        assertThat(retried.json().get("remaining_in_sequence").asLong()).isZero();

        // both events applied, in order; nothing parked for it any more
        var product = admin.get("/api/v1/products/" + orphan).json();
        assertThat(product.get("status").asText()).isEqualTo("DISCONTINUED");
        assertThat(lettersOf(orphan)).isEmpty();
        assertThat(admin.get("/api/v1/admin/dead-letters/" + id).status()).isEqualTo(404);
    }

    @Test
    void retryingAllOfAProcessorsLettersAppliesTheFixedOnesAndKeepsTheRest() {
        var fixed = orphanId();
        var broken = orphanId();
        discontinue(fixed, 0, "fixed");
        discontinue(broken, 0, "still broken");
        Eventually.assertThat(() -> lettersOf(fixed).size() + lettersOf(broken).size(), n -> n == 2);
        var template = admin.post("/api/v1/products", registration("Template", "c", uniqueSku("TPL")));
        restoreCatalogRowOf(fixed, template.json().get("product_id").asText());

        var retried = admin.post("/api/v1/admin/processors/catalog/dead-letters/retry", "");

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asInt()).isPositive();
        assertThat(retried.json().get("failed").asInt()).isPositive();
        assertThat(lettersOf(fixed)).isEmpty();
        var left = lettersOf(broken);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEvictedLetterIsGoneForGoodAndTheRestOfItsSequenceMovesUp() {
        var orphan = orphanId();
        discontinue(orphan, 0, "evict me");
        discontinue(orphan, 1, "keep me");
        var letters = Eventually.assertThat(() -> lettersOf(orphan), found -> found.size() == 2);

        var evicted = admin.delete("/api/v1/admin/dead-letters/" + letters.get(0).get("id").asText());

        assertThat(evicted.status()).isEqualTo(204);
        var left = lettersOf(orphan);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).at("/event/payload/reason").asText()).isEqualTo("keep me");
        assertThat(admin.get("/api/v1/admin/dead-letters/" + letters.get(0).get("id").asText()).status())
                .isEqualTo(404);
    }

    @Test
    void unknownLettersAndProcessorsAreRefusedInTheErrorFormat() {
        var unknown = admin.post("/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/retry", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(admin.delete("/api/v1/admin/dead-letters/" + UUID.randomUUID()).status()).isEqualTo(404);
        var badFilter = admin.get("/api/v1/admin/dead-letters?processor=nope");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(admin.post("/api/v1/admin/processors/nope/dead-letters/retry", "").status()).isEqualTo(404);
        // sagas park events too, so their processor is one of the filters
        assertThat(admin.get("/api/v1/admin/dead-letters?processor=checkout").status()).isEqualTo(200);
        assertThat(Users.customer(port).get("/api/v1/admin/dead-letters").status()).isEqualTo(403);
    }

    private static String orphanId() {
        return "prod_" + UUID.randomUUID().toString().replace("-", "");
    }

    private void discontinue(String productId, long sequence, String reason) {
        eventStore.publish(new GenericDomainEventMessage<>("Product", productId, sequence,
                new ProductDiscontinuedEvent(new ProductId(productId), reason)));
    }

    private List<JsonNode> lettersOf(String sequence) {
        var found = new ArrayList<JsonNode>();
        admin.get("/api/v1/admin/dead-letters?processor=catalog&limit=100").json().get("data").forEach(letter -> {
            if (letter.get("sequence").asText().equals(sequence)) {
                found.add(letter);
            }
        });
        return found;
    }

    /** The operator's repair: the product's catalog row, copied from another, as before any of its changes. */
    private void restoreCatalogRowOf(String productId, String template) {
        jdbc.update("""
                INSERT INTO catalog_product
                SELECT (jsonb_populate_record(NULL::catalog_product,
                        to_jsonb(c) || jsonb_build_object('product_id', ?, 'version', -1))).*
                FROM catalog_product c WHERE product_id = ?""", productId, template);
    }
}
