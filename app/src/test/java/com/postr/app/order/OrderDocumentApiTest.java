package com.postr.app.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client written from the design document (seed 003, section 3.3.1): lines named by {@code product_id} with the
 * price the shopper saw, and the answer's shape field by field.
 */
@PostrIntegrationTest
class OrderDocumentApiTest {

    @LocalServerPort
    int port;

    HttpClient admin;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
    }

    /** A product with one variant at 29.99 EUR and stock; returns [productId, sku]. */
    private String[] product(String title) {
        var sku = uniqueSku("DOC");
        var created = admin.post("/api/v1/products", registration(title, "orders", sku));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Inventory.receive(admin, sku, 50);
        return new String[] {created.json().get("product_id").asText(), sku};
    }

    private static String documentBody(String firstProduct, String firstPrice, String secondProduct,
                                       String secondPrice, String token) {
        return """
                {
                  "items": [
                    {"product_id": "%s", "quantity": 2, "price": %s},
                    {"product_id": "%s", "quantity": 1, "price": %s}
                  ],
                  "shipping_address": {"name": "John Doe", "street": "123 Main St", "city": "San Francisco",
                                       "state": "CA", "zip": "94102", "country": "US"},
                  "payment_method": {"type": "card", "token": "%s"}
                }""".formatted(firstProduct, firstPrice, secondProduct, secondPrice, token);
    }

    @Test
    void placesTheDocumentsOrderByProductIdAndPriceAndAnswersInItsShape() {
        var headphones = product("Wireless Headphones");
        var phoneCase = product("Phone Case");
        var customer = Users.customer(port);

        var placed = customer.post("/api/v1/orders",
                documentBody(headphones[0], "29.99", phoneCase[0], "29.99", "tok_visa_4242"));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var order = placed.json();
        assertThat(order.get("order_id").asText()).startsWith("ord_");
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        var created = Instant.parse(order.get("created_at").asText());
        assertThat(order.at("/items/0/product_id").asText()).isEqualTo(headphones[0]);
        assertThat(order.at("/items/0/name").asText()).isEqualTo("Wireless Headphones");
        assertThat(order.at("/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(order.at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(order.at("/items/0/total").decimalValue()).isEqualByComparingTo("59.98");
        assertThat(order.at("/items/1/product_id").asText()).isEqualTo(phoneCase[0]);
        assertThat(order.at("/items/1/name").asText()).isEqualTo("Phone Case");
        assertThat(order.at("/items/1/total").decimalValue()).isEqualByComparingTo("29.99");
        // 89.97 over the 75.00 threshold ships free; no US tax rate is configured
        assertThat(order.get("subtotal").decimalValue()).isEqualByComparingTo("89.97");
        assertThat(order.get("discount").decimalValue()).isEqualByComparingTo("0");
        assertThat(order.get("tax").decimalValue()).isEqualByComparingTo("0");
        assertThat(order.get("shipping").decimalValue()).isEqualByComparingTo("0");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("89.97");
        assertThat(order.get("shipping_address").toString()).isEqualTo("""
                {"name":"John Doe","street":"123 Main St","city":"San Francisco","state":"CA","zip":"94102",\
                "country":"US"}""");
        // the document's payment summary: brand and last four from the provider, its transaction id
        assertThat(order.at("/payment/status").asText()).isIn("AUTHORIZED", "CAPTURED");
        assertThat(order.at("/payment/method").asText()).isEqualTo("Visa ending in 4242");
        assertThat(order.at("/payment/card_brand").asText()).isEqualTo("visa");
        assertThat(order.at("/payment/card_last4").asText()).isEqualTo("4242");
        assertThat(order.at("/payment/transaction_id").asText()).startsWith("pi_");
        assertThat(order.toString()).doesNotContain("tok_visa_4242");
        // US: 10 days (postr.orders.delivery.days), from the day of placement, at midnight UTC
        assertThat(Instant.parse(order.get("estimated_delivery").asText()))
                .isEqualTo(created.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(10).toInstant());

        var fetched = customer.get("/api/v1/orders/" + order.get("order_id").asText()).json();
        assertThat(fetched.get("estimated_delivery")).isEqualTo(order.get("estimated_delivery"));
        assertThat(fetched.at("/payment/transaction_id")).isEqualTo(order.at("/payment/transaction_id"));
    }

    @Test
    void refusesToChargeAPriceOtherThanTheOneTheShopperSaw() {
        var poster = product("Great Wave");
        var other = product("Red Fuji");
        admin.patch("/api/v1/products/" + poster[0] + "/variants/" + poster[1],
                "{\"price\": {\"amount\": 34.99, \"currency\": \"EUR\"}}");
        var customer = Users.customer(port);

        var stale = customer.post("/api/v1/orders",
                documentBody(poster[0], "29.99", other[0], "29.99", "pm_card_visa"));

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("PRICE_CHANGED");
        var details = stale.json().at("/error/details");
        assertThat(details.get("sku").asText()).isEqualTo(poster[1]);
        assertThat(details.get("product_id").asText()).isEqualTo(poster[0]);
        assertThat(details.get("price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(details.get("current_price").decimalValue()).isEqualByComparingTo("34.99");
        assertThat(details.get("items")).hasSize(1);
        assertThat(customer.get("/api/v1/orders").json().get("data")).isEmpty();

        var current = customer.post("/api/v1/orders",
                documentBody(poster[0], "34.99", other[0], "29.990", "pm_card_visa"));
        assertThat(current.status()).as(current.body()).isEqualTo(201);
        assertThat(current.json().at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("34.99");
    }

    @Test
    void asksForTheSkuWhereAProductHasSeveralVariants() {
        var a3 = uniqueSku("VAR");
        var a2 = uniqueSku("VAR");
        var product = admin.post("/api/v1/products", """
                {"title": "Two Sizes", "artist": "Hokusai", "category": "orders",
                 "variants": [{"sku": "%s", "size": "A3", "framed": false, "paper": "matte",
                               "price": {"amount": 29.99, "currency": "EUR"}},
                              {"sku": "%s", "size": "A2", "framed": false, "paper": "matte",
                               "price": {"amount": 39.99, "currency": "EUR"}}]}""".formatted(a3, a2));
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        var productId = product.json().get("product_id").asText();
        var customer = Users.customer(port);

        var ambiguous = customer.post("/api/v1/orders", """
                {"items": [{"product_id": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(productId));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(ambiguous.json().at("/error/details/fields/0/field").asText()).isEqualTo("items[0].product_id");
        assertThat(ambiguous.json().at("/error/message").asText()).contains(a3, a2);
        var skus = new ArrayList<String>();
        ambiguous.json().at("/error/details/skus").forEach(s -> skus.add(s.asText()));
        assertThat(skus).containsExactlyInAnyOrder(a3, a2);

        var both = customer.post("/api/v1/orders", """
                {"items": [{"product_id": "%s", "sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(productId, a3));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().at("/error/details/fields/0/field").asText()).isEqualTo("items[0]");

        var unknown = customer.post("/api/v1/orders", documentBody("prod_nothing", "1.00", "prod_nothing2", "1.00",
                "pm_card_visa"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOR_SALE");
        assertThat(unknown.json().at("/error/details/product_id").asText()).isEqualTo("prod_nothing");
    }

    @Test
    void showsTheCardOfEachBrandAndNoCardBeforePayment() {
        var poster = product("Mona Lisa");
        var customer = Users.customer(port);
        var placed = customer.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_amex"}}""".formatted(poster[1]));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var id = placed.json().get("order_id").asText();
        JsonNode order = Eventually.assertThat(() -> customer.get("/api/v1/orders/" + id).json(),
                o -> !o.at("/payment/method").isMissingNode() && !o.at("/payment/method").isNull());
        assertThat(order.at("/payment/method").asText()).isEqualTo("American Express ending in 0005");
        // Germany: 3 days
        assertThat(Instant.parse(order.get("estimated_delivery").asText())).isEqualTo(
                Instant.parse(order.get("created_at").asText()).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                        .plusDays(3).toInstant());

        var cancelled = customer.post("/api/v1/orders/" + id + "/cancel", "{}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("estimated_delivery").isNull()).isTrue();
    }

    @Test
    void refusesPricesInAnotherCurrencyThanTheShops() {
        var sku = uniqueSku("USD");
        var dollars = admin.post("/api/v1/products", registration("Dollar Poster", "orders", sku)
                .replace("\"EUR\"", "\"USD\""));
        assertThat(dollars.status()).isEqualTo(400);
        assertThat(dollars.errorCode()).isEqualTo("UNSUPPORTED_CURRENCY");
        assertThat(dollars.json().at("/error/details/store_currency").asText()).isEqualTo("EUR");

        var poster = product("Euro Poster");
        var change = admin.patch("/api/v1/products/" + poster[0] + "/variants/" + poster[1],
                "{\"price\": {\"amount\": 19.99, \"currency\": \"GBP\"}}");
        assertThat(change.status()).isEqualTo(400);
        assertThat(change.errorCode()).isEqualTo("UNSUPPORTED_CURRENCY");
    }
}
