package com.postr.app.order;

import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once checkout falls further behind than {@code postr.checkout.max-lag}, new orders are refused with a 503 and a
 * Retry-After, without using their idempotency key; the orders already taken still settle, and orders are taken
 * again once checkout has caught up. Here checkout is stopped outright, the extreme of falling behind.
 */
@PostrIntegrationTest
@TestPropertySource(properties = "postr.checkout.max-lag=2s")
class CheckoutAdmissionTest {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    private static String order(String sku) {
        return """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "Erika Mustermann", "street": "Heidestr. 17", "city": "Köln",
                                      "zip": "51147", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku);
    }

    private static Map<String, String> keyed(String key) {
        return Map.of("Idempotency-Key", key, "Content-Type", "application/json");
    }

    @Test
    void aCheckoutTooFarBehindRefusesNewOrdersUntilItHasCaughtUp() throws InterruptedException {
        var http = Users.admin(port);
        var sku = uniqueSku("ADM");
        assertThat(http.post("/api/v1/products", registration("Great Wave", "admission", sku)).status())
                .isEqualTo(201);
        Inventory.receive(http, sku, 100);

        // events checkout has no handler for, older than the bound, are not a backlog
        Thread.sleep(2_500);
        var taken = http.post("/api/v1/orders", order(sku));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        assertThat(taken.json().get("status").asText()).isEqualTo("CONFIRMED");

        var checkout = processing.eventProcessor("checkout", TrackingEventProcessor.class).orElseThrow();
        checkout.shutDown();
        try {
            var waiting = http.post("/api/v1/orders", order(sku));
            assertThat(waiting.status()).as(waiting.body()).isEqualTo(201);
            assertThat(waiting.json().get("status").asText()).isEqualTo("PENDING");

            // its OrderPlacedEvent waits for checkout; past 2 s new orders are turned away, the key left unused
            var key = UUID.randomUUID().toString();
            var refused = Eventually.assertThat(
                    () -> http.send("POST", "/api/v1/orders", order(sku), keyed(key)),
                    r -> r.status() != 201, Duration.ofSeconds(20));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 30L);
            assertThat(refused.json().at("/error/details/retry_after_seconds").asLong()).isEqualTo(retryAfter);
            var cart = http.post("/api/v1/carts", "");
            assertThat(http.post("/api/v1/carts/" + cart.json().get("cart_id").asText() + "/checkout", "{}")
                    .status()).isEqualTo(503);
            // reading is not checkout: the pending order can still be looked at
            var orderId = waiting.json().get("order_id").asText();
            assertThat(http.get("/api/v1/orders/" + orderId).status()).isEqualTo(200);

            checkout.start();
            Eventually.assertThat(() -> http.get("/api/v1/orders/" + orderId).json().get("status").asText(),
                    "CONFIRMED"::equals, Duration.ofSeconds(30));
            var retried = Eventually.assertThat(
                    () -> http.send("POST", "/api/v1/orders", order(sku), keyed(key)),
                    r -> r.status() != 503, Duration.ofSeconds(20));
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.json().get("status").asText()).isEqualTo("CONFIRMED");
        } finally {
            checkout.start();
        }
    }
}
