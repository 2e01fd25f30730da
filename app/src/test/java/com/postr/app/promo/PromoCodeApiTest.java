package com.postr.app.promo;

import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** Promo codes over HTTP: definition, discounts on orders, and a usage limit that holds under concurrency. */
@PostrIntegrationTest
class PromoCodeApiTest {

    @LocalServerPort
    int port;

    HttpClient http;
    String sku;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
        sku = uniqueSku("PROMO");
        assertThat(http.post("/api/v1/products", registration("Promo poster", "promo", sku)).status()).isEqualTo(201);
        // stocked, so checkout confirms the orders instead of cancelling them (which would give their uses back)
        Inventory.receive(http, sku, 100);
    }

    private static String code() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    private HttpClient.Response order(int quantity, String promoCode) {
        return http.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": %d}], "promo_code": "%s",
                 "shipping_address": {"name": "Erika", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku, quantity, promoCode));
    }

    private void define(String json) {
        var defined = http.post("/api/v1/promo-codes", json);
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    }

    @Test
    void definesACodeAndDiscountsAnOrderWithIt() {
        var code = code();
        define("""
                {"code": "%s", "type": "percentage", "percent_off": 10,
                 "minimum_order_value": {"amount": 50, "currency": "EUR"}, "usage_limit": 5}""".formatted(code));
        var promo = http.get("/api/v1/promo-codes/" + code.toLowerCase()).json();
        assertThat(promo.get("code").asText()).isEqualTo(code);
        assertThat(promo.get("remaining").asInt()).isEqualTo(5);

        // 2 × 29.99 = 59.98; 10 % off = 6.00 (5.998 half-even); 53.98 + 19 % tax 10.26 + 4.90 shipping
        var placed = order(2, code.toLowerCase());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("discount").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(placed.json().get("tax").decimalValue()).isEqualByComparingTo("10.26");
        assertThat(placed.json().get("total").decimalValue()).isEqualByComparingTo("69.14");

        awaitRedemptions(code, 1);
        var belowMinimum = order(1, code);
        assertThat(belowMinimum.status()).isEqualTo(422);
        assertThat(belowMinimum.errorCode()).isEqualTo("PROMO_CODE_INVALID");
        assertThat(belowMinimum.json().at("/error/details/reason").asText()).contains("at least 50");
    }

    @Test
    void letsExactlyTheUsageLimitOfConcurrentCheckoutsUseACode() throws Exception {
        var code = code();
        define("""
                {"code": "%s", "type": "FIXED_AMOUNT", "amount_off": {"amount": 5, "currency": "EUR"},
                 "usage_limit": 3}""".formatted(code));

        var responses = Concurrently.run(10, i -> order(1, code));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(3)
                .allSatisfy(r -> assertThat(r.json().get("discount").decimalValue()).isEqualByComparingTo("5.00"));
        assertThat(responses).filteredOn(r -> r.status() == 422).hasSize(7)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("PROMO_CODE_INVALID"));
        awaitRedemptions(code, 3);
        assertThat(http.get("/api/v1/promo-codes/" + code).json().get("remaining").asInt()).isZero();

        // a cancelled order gives its use back
        var used = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        assertThat(http.post("/api/v1/orders/" + used.json().get("order_id").asText() + "/cancel", "").status())
                .isEqualTo(200);
        assertThat(order(1, code).status()).isEqualTo(201);
    }

    @Test
    void refusesCodesThatAreUnknownInactiveOrOutsideTheirWindow() {
        assertThat(order(1, "NOSUCHCODE").errorCode()).isEqualTo("PROMO_CODE_INVALID");

        var expired = code();
        define("""
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 5, "valid_from": "2020-01-01T00:00:00Z",
                 "valid_until": "2021-01-01T00:00:00Z"}""".formatted(expired));
        assertThat(order(1, expired).json().at("/error/details/reason").asText()).startsWith("expired");

        var later = code();
        define("""
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 5, "valid_from": "%s"}"""
                .formatted(later, Instant.now().plus(Duration.ofDays(30))));
        assertThat(order(1, later).errorCode()).isEqualTo("PROMO_CODE_INVALID");

        var retired = code();
        define("""
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 5}""".formatted(retired));
        var deactivated = http.post("/api/v1/promo-codes/" + retired + "/deactivate", "");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(order(1, retired).json().at("/error/details/reason").asText()).contains("no longer active");
    }

    @Test
    void refusesBadDefinitionsAndDuplicates() {
        var code = code();
        define("""
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 5}""".formatted(code));
        var duplicate = http.post("/api/v1/promo-codes", """
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 7}""".formatted(code));
        assertThat(duplicate.status()).isEqualTo(409);

        assertThat(http.post("/api/v1/promo-codes", "{\"code\": \"X1X\", \"type\": \"PERCENTAGE\", \"percent_off\": 150}")
                .errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/promo-codes", "{\"code\": \"X2X\", \"type\": \"PERCENTAGE\"}")
                .errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/promo-codes", """
                {"code": "X3X", "type": "PERCENTAGE", "percent_off": 5, "valid_from": "2027-01-01T00:00:00Z",
                 "valid_until": "2026-01-01T00:00:00Z"}""").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/promo-codes", "{\"code\": \"no way!\", \"type\": \"PERCENTAGE\", \"percent_off\": 5}")
                .errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/promo-codes/NOPE").status()).isEqualTo(404);
    }

    private void awaitRedemptions(String code, int expected) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (http.get("/api/v1/promo-codes/" + code).json().get("redemptions").asInt() != expected
                && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(http.get("/api/v1/promo-codes/" + code).json().get("redemptions").asInt()).isEqualTo(expected);
    }
}
