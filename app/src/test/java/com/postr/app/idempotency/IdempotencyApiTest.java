package com.postr.app.idempotency;

import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key over HTTP on real PostgreSQL: replay, mismatch, concurrent duplicates, expiry. */
@PostrIntegrationTest
class IdempotencyApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotencyStore store;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    private HttpClient.Response post(String path, String body, String key) {
        return http.send("POST", path, body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    private static String order(String sku) {
        return """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E", "street": "S", "city": "Berlin", "zip": "10115", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku);
    }

    @Test
    void retryWithTheSameKeyReplaysTheFirstAnswerWithoutActingAgain() {
        var key = UUID.randomUUID().toString();
        var sku = uniqueSku("IDEM");
        var body = registration("Once", "idempotency", sku);

        var first = post("/api/v1/products", body, key);
        var retry = post("/api/v1/products", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header(IdempotencyFilter.REPLAYED)).isNull();
        // run again, registering the same SKU would be refused as a duplicate: a 201 proves it was not run
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));

        // and the stored events say which key caused them
        var events = http.get("/api/v1/products/" + first.json().get("product_id").asText() + "/events").json();
        assertThat(events.at("/events/0/metadata/idempotency_key").asText()).isEqualTo(key);
    }

    @Test
    void orderPlacementAndCheckoutRefuseToRunWithoutAKey() {
        var sku = com.postr.app.support.Inventory.stockedSku(http, "NOKEY", 5);
        var bare = http.withoutIdempotencyKeys();
        var placed = bare.post("/api/v1/orders", order(sku));
        assertThat(placed.status()).isEqualTo(400);
        assertThat(placed.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(placed.json().at("/error/details/header").asText()).isEqualTo("Idempotency-Key");
        var cart = http.post("/api/v1/carts", "").json().get("cart_id").asText();
        var checkout = bare.post("/api/v1/carts/" + cart + "/checkout", order(sku));
        assertThat(checkout.status()).isEqualTo(400);
        assertThat(checkout.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/inventory/" + sku).json().get("reserved").asInt()).isZero();
        // other writes may leave it out
        assertThat(bare.post("/api/v1/carts", "").status()).isEqualTo(201);
    }

    @Test
    void keysAreScopedPerUserSoTwoCustomersNeverShareAnAnswer() {
        var sku = com.postr.app.support.Inventory.stockedSku(http, "SCOPE", 5);
        var key = UUID.randomUUID().toString();
        var headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);
        var first = Users.customer(port).send("POST", "/api/v1/orders", order(sku), headers);
        var second = Users.customer(port).send("POST", "/api/v1/orders", order(sku), headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(second.json().get("order_id").asText()).isNotEqualTo(first.json().get("order_id").asText());
    }

    @Test
    void aGuestsNewCartIsNeverReplayedToAnotherGuestWithTheSameKey() {
        var headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        var first = new HttpClient(port).send("POST", "/api/v1/carts", null, headers);
        var second = new HttpClient(port).send("POST", "/api/v1/carts", null, headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(second.json().get("cart_token").asText()).isNotEqualTo(first.json().get("cart_token").asText());
    }

    @Test
    void sameKeyWithADifferentRequestIsRefused() {
        var key = UUID.randomUUID().toString();
        assertThat(post("/api/v1/products", registration("A", "idempotency", uniqueSku("IDEM")), key).status())
                .isEqualTo(201);

        var other = post("/api/v1/products", registration("B", "idempotency", uniqueSku("IDEM")), key);

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("DUPLICATE_REQUEST");
        assertThat(other.json().at("/error/details/idempotency_key").asText()).isEqualTo(key);
    }

    @Test
    void concurrentDuplicatesPlaceOneOrder() throws Exception {
        var sku = Inventory.stockedSku(http, "IDEM", 10);
        var key = UUID.randomUUID().toString();

        var answers = Concurrently.run(6, i -> post("/api/v1/orders", order(sku), key));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(201));
        assertThat(answers).extracting(a -> a.json().get("order_id").asText()).containsOnly(
                answers.get(0).json().get("order_id").asText());
        assertThat(answers).filteredOn(a -> a.header(IdempotencyFilter.REPLAYED) == null).hasSize(1);
        // one order, so one unit left the shelf
        var level = com.postr.app.support.Eventually.assertThat(() -> http.get("/api/v1/inventory/" + sku).json(),
                s -> s.get("reserved").asInt() == 0);
        assertThat(level.get("on_hand").asInt()).isEqualTo(9);
    }

    @Test
    void anExpiredKeyIsForgottenAndPurged() {
        var sku = Inventory.stockedSku(http, "IDEM", 10);
        var key = UUID.randomUUID().toString();
        var first = post("/api/v1/orders", order(sku), key);
        assertThat(first.status()).isEqualTo(201);

        jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idem_key = ?", key);
        var later = post("/api/v1/orders", order(sku), key);

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(later.json().get("order_id").asText()).isNotEqualTo(first.json().get("order_id").asText());

        jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idem_key = ?", key);
        store.purgeExpired();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, key))
                .isZero();
    }

    @Test
    void refusesMalformedKeysAndLeavesRequestsWithoutOneAlone() {
        var tooLong = "k".repeat(256);
        var refused = post("/api/v1/products", registration("X", "idempotency", uniqueSku("IDEM")), tooLong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");

        var noKey = http.post("/api/v1/products", registration("Y", "idempotency", uniqueSku("IDEM")));
        assertThat(noKey.status()).isEqualTo(201);
        assertThat(noKey.header(IdempotencyFilter.REPLAYED)).isNull();
    }
}
