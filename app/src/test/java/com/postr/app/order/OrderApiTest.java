package com.postr.app.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders over HTTP on real PostgreSQL, priced with the shop's configured rules (EUR; Germany: 19 % VAT,
 * 4.90 shipping, free from 75.00 after discount). Checkout runs for every order: with stock and
 * {@code pm_card_visa} an order is CONFIRMED by the time placement answers; {@code pm_card_slow} keeps it PENDING
 * for a few seconds (CheckoutApiTest covers checkout's own outcomes).
 */
@PostrIntegrationTest
class OrderApiTest {

    @LocalServerPort
    int port;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    /** A product whose one variant costs 29.99 EUR, with 100 units in stock; returns [productId, sku]. */
    private String[] product() {
        var sku = uniqueSku("ORD");
        var created = http.post("/api/v1/products", registration("Great Wave", "orders", sku));
        assertThat(created.status()).isEqualTo(201);
        // orderable at once: the price list is written in the same transaction as the product
        Inventory.receive(http, sku, 100);
        return new String[] {created.json().get("product_id").asText(), sku};
    }

    private static String order(String sku, int quantity, String country, String token) {
        return """
                {"items": [{"sku": "%s", "quantity": %d}],
                 "shipping_address": {"name": "Erika Mustermann", "street": "Heidestr. 17", "city": "Köln",
                                      "zip": "51147", "country": "%s"},
                 "payment_method": {"type": "card", "token": "%s"}}""".formatted(sku, quantity, country, token);
    }

    private JsonNode place(String sku, int quantity) {
        return place(sku, quantity, "pm_card_visa");
    }

    private JsonNode place(String sku, int quantity, String token) {
        var placed = http.post("/api/v1/orders", order(sku, quantity, "DE", token));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json();
    }

    /** An order still waiting for its payment: the slow test card answers after checkout's deadline. */
    private String pendingOrder(String sku, int quantity) {
        var order = place(sku, quantity, "pm_card_slow");
        assertThat(order.get("status").asText()).isEqualTo("PENDING");
        return order.get("order_id").asText();
    }

    private JsonNode post(String path, String body, int expected) {
        var response = http.post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        return response.json();
    }

    @Test
    void anOrderStillBeingCheckedOutTellsPollersWhenToLookAgain() {
        var product = product();
        var placed = http.post("/api/v1/orders", order(product[1], 1, "DE", "pm_card_slow"));
        assertThat(placed.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(placed.header("Retry-After")).isEqualTo("1");
        var id = placed.json().get("order_id").asText();
        assertThat(http.get("/api/v1/orders/" + id).header("Retry-After")).isEqualTo("1");

        var confirmed = http.post("/api/v1/orders", order(product[1], 1, "DE", "pm_card_visa"));
        assertThat(confirmed.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.header("Retry-After")).isNull();
        assertThat(http.get("/api/v1/orders/" + confirmed.json().get("order_id").asText()).header("Retry-After"))
                .isNull();
    }

    @Test
    void placesAnOrderWithItsPricesFixedFromTheCatalog() {
        var product = product();
        var placed = http.post("/api/v1/orders", order(product[1], 2, "de", "pm_card_visa"));

        assertThat(placed.status()).isEqualTo(201);
        var order = placed.json();
        var id = order.get("order_id").asText();
        assertThat(id).startsWith("ord_");
        assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + id);
        // stock reserved and payment authorized while placement waited for checkout
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.at("/items/0/sku").asText()).isEqualTo(product[1]);
        assertThat(order.at("/items/0/product_id").asText()).isEqualTo(product[0]);
        assertThat(order.at("/items/0/name").asText()).isEqualTo("Great Wave");
        assertThat(order.at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(order.at("/items/0/total").decimalValue()).isEqualByComparingTo("59.98");
        // 59.98 + 19 % of 59.98 (11.3962 -> 11.40) + 4.90 shipping below the 75.00 threshold
        assertThat(order.get("subtotal").decimalValue()).isEqualByComparingTo("59.98");
        assertThat(order.get("discount").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(order.get("tax").decimalValue()).isEqualByComparingTo("11.40");
        assertThat(order.get("shipping").decimalValue()).isEqualByComparingTo("4.90");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("76.28");
        assertThat(order.get("currency").asText()).isEqualTo("EUR");
        assertThat(order.at("/shipping_address/country").asText()).isEqualTo("DE");
        assertThat(order.at("/payment/method_type").asText()).isEqualTo("card");
        assertThat(order.toString()).doesNotContain("pm_card_visa");
        assertThat(order.get("timeline")).extracting(t -> t.get("status").asText())
                .containsExactly("PENDING", "CONFIRMED");

        assertThat(http.get("/api/v1/orders/" + id).json()).isEqualTo(order);
    }

    @Test
    void shipsFreeFromTheThresholdAndKeepsPricesWhenTheCatalogChanges() {
        var product = product();
        var order = place(product[1], 3); // 89.97: free shipping, tax 17.0943 -> 17.09
        assertThat(order.get("shipping").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(order.get("tax").decimalValue()).isEqualByComparingTo("17.09");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("107.06");

        http.patch("/api/v1/products/" + product[0] + "/variants/" + product[1],
                "{\"price\": {\"amount\": 99.00, \"currency\": \"EUR\"}}");
        var again = http.get("/api/v1/orders/" + order.get("order_id").asText()).json();
        assertThat(again.at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(again.get("total").decimalValue()).isEqualByComparingTo("107.06");
    }

    @Test
    void walksTheWholeFulfilmentPath() {
        var id = place(product()[1], 1).get("order_id").asText();

        assertThat(post("/api/v1/orders/" + id + "/process", "", 200).get("status").asText()).isEqualTo("PROCESSING");
        var shipped = post("/api/v1/orders/" + id + "/ship",
                "{\"carrier\": \"UPS\", \"tracking_number\": \"1Z999AA10123456784\"}", 200);
        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.at("/shipment/carrier").asText()).isEqualTo("UPS");
        assertThat(shipped.at("/shipment/tracking_number").asText()).isEqualTo("1Z999AA10123456784");
        var delivered = post("/api/v1/orders/" + id + "/deliver", "", 200);
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("timeline")).extracting(t -> t.get("status").asText())
                .containsExactly("PENDING", "CONFIRMED", "PROCESSING", "SHIPPED", "DELIVERED");
    }

    @Test
    void refusesTransitionsOutsideTheStateMachine() {
        var id = pendingOrder(product()[1], 1);

        var ship = http.post("/api/v1/orders/" + id + "/ship", "{\"carrier\": \"UPS\", \"tracking_number\": \"1Z\"}");
        assertThat(ship.status()).isEqualTo(409);
        assertThat(ship.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
        assertThat(ship.json().at("/error/details/from").asText()).isEqualTo("PENDING");
        assertThat(ship.json().at("/error/details/to").asText()).isEqualTo("SHIPPED");
        assertThat(http.post("/api/v1/orders/" + id + "/deliver", "").errorCode())
                .isEqualTo("INVALID_STATE_TRANSITION");

        post("/api/v1/orders/" + id + "/cancel", "{\"note\": \"changed my mind\"}", 200);
        assertThat(http.post("/api/v1/orders/" + id + "/confirm", "").errorCode())
                .isEqualTo("INVALID_STATE_TRANSITION");
        assertThat(http.get("/api/v1/orders/" + id).json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void cancelsAndTracksTheRefundOfAPaidOrder() {
        var pending = pendingOrder(product()[1], 1);
        var cancelledEarly = post("/api/v1/orders/" + pending + "/cancel", "", 200);
        assertThat(cancelledEarly.at("/cancellation/reason").asText()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(cancelledEarly.at("/cancellation/cancelled_by").asText()).isEqualTo(Users.userId(http));
        assertThat(cancelledEarly.at("/refund/status").asText()).isEqualTo("NONE");

        // paid by hand (confirmed manually while the card is still thinking): refunds are recorded by hand
        var paid = place(product()[1], 1, "pm_card_slow");
        var id = paid.get("order_id").asText();
        post("/api/v1/orders/" + id + "/confirm", "", 200);
        var cancelled = post("/api/v1/orders/" + id + "/cancel",
                "{\"reason\": \"merchant_decision\", \"note\": \"address unreachable\"}", 200);
        assertThat(cancelled.at("/cancellation/from_status").asText()).isEqualTo("CONFIRMED");
        assertThat(cancelled.at("/refund/status").asText()).isEqualTo("PENDING");
        assertThat(cancelled.at("/refund/due").decimalValue()).isEqualByComparingTo(paid.get("total").decimalValue());

        var partial = post("/api/v1/orders/" + id + "/refunds",
                "{\"amount\": {\"amount\": 10, \"currency\": \"EUR\"}, \"reference\": \"re_1\"}", 200);
        assertThat(partial.at("/refund/status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        var rest = paid.get("total").decimalValue().subtract(java.math.BigDecimal.TEN);
        var full = post("/api/v1/orders/" + id + "/refunds",
                "{\"amount\": {\"amount\": " + rest + ", \"currency\": \"EUR\"}}", 200);
        assertThat(full.at("/refund/status").asText()).isEqualTo("REFUNDED");
        assertThat(http.post("/api/v1/orders/" + id + "/refunds",
                "{\"amount\": {\"amount\": 1, \"currency\": \"EUR\"}}").errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    }

    @Test
    void refusesWhatCannotBeSoldOrShipped() {
        var product = product();
        var unknown = http.post("/api/v1/orders", order("NO-SUCH-SKU", 1, "DE", "pm_card_visa"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOR_SALE");
        assertThat(unknown.json().at("/error/details/sku").asText()).isEqualTo("NO-SUCH-SKU");

        var brazil = http.post("/api/v1/orders", order(product[1], 1, "BR", "pm_card_visa"));
        assertThat(brazil.status()).isEqualTo(422);
        assertThat(brazil.errorCode()).isEqualTo("UNSUPPORTED_DESTINATION");

        var promo = http.post("/api/v1/orders", order(product[1], 1, "DE", "pm_card_visa")
                .replace("\"payment_method\"", "\"promo_code\": \"SUMMER2024\", \"payment_method\""));
        assertThat(promo.errorCode()).isEqualTo("PROMO_CODE_INVALID");

        var cardNumber = http.post("/api/v1/orders", order(product[1], 1, "DE", "4242424242424242"));
        assertThat(cardNumber.status()).isEqualTo(400);
        assertThat(cardNumber.json().at("/error/details/fields/0/field").asText()).isEqualTo("payment_method.token");

        http.post("/api/v1/products/" + product[0] + "/discontinue", "{}");
        var discontinued = http.post("/api/v1/orders", order(product[1], 1, "DE", "pm_card_visa"));
        assertThat(discontinued.errorCode()).isEqualTo("NOT_FOR_SALE");

        assertThat(http.post("/api/v1/orders", "{\"items\": []}").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/orders/ord_missing").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(http.post("/api/v1/orders/ord_missing/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void listsOrdersFilteredSortedAndPaged() {
        var sku = product()[1];
        var small = place(sku, 1).get("order_id").asText();
        var large = place(sku, 3).get("order_id").asText();
        var cancelled = place(sku, 2).get("order_id").asText();
        post("/api/v1/orders/" + cancelled + "/cancel", "", 200);

        var today = LocalDate.now(ZoneOffset.UTC);
        var page = http.get("/api/v1/orders?status=confirmed&from_date=" + today + "&to_date=" + today
                + "&sort=total&order=asc&limit=100").json();
        var ids = page.get("data").findValuesAsText("order_id");
        assertThat(ids).contains(small, large).doesNotContain(cancelled);
        assertThat(ids.indexOf(small)).isLessThan(ids.indexOf(large));
        assertThat(page.at("/data/0/items_count").isInt()).isTrue();

        var yesterday = http.get("/api/v1/orders?to_date=" + today.minusDays(1)).json();
        assertThat(yesterday.get("data").findValuesAsText("order_id")).doesNotContain(small, large);

        assertThat(http.get("/api/v1/orders?sort=price").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.get("/api/v1/orders?from_date=yesterday").errorCode()).isEqualTo("VALIDATION_ERROR");
    }
}
