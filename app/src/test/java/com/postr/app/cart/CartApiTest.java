package com.postr.app.cart;

import com.postr.app.support.Concurrently;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Shopping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** Carts over HTTP: lines with catalog prices, If-Match versions, promo codes, checkout, abandonment. */
@PostrIntegrationTest
class CartApiTest {

    private static final String CHECKOUT = Shopping.CHECKOUT;

    @LocalServerPort
    int port;

    HttpClient http;
    String sku;
    String productId;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
        sku = uniqueSku("CART");
        var created = http.post("/api/v1/products", registration("Cart poster", "carts", sku));
        assertThat(created.status()).isEqualTo(201);
        productId = created.json().get("product_id").asText();
        Inventory.receive(http, sku, 100);
    }

    private String newCart() {
        var created = http.post("/api/v1/carts", "");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        return created.json().get("cart_id").asText();
    }

    private HttpClient.Response add(String cart, int quantity, String ifMatch) {
        return http.send("POST", "/api/v1/carts/" + cart + "/items",
                "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}",
                ifMatch == null ? Map.of("Content-Type", "application/json")
                        : Map.of("Content-Type", "application/json", "If-Match", ifMatch));
    }

    @Test
    void keepsLinesWithTheirCatalogPricesAndTotals() {
        var cart = newCart();
        assertThat(cart).startsWith("cart_").hasSize(37);

        var added = add(cart, 2, null);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().at("/items/0/name").asText()).isEqualTo("Cart poster");
        assertThat(added.json().at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(added.json().get("subtotal").decimalValue()).isEqualByComparingTo("59.98");

        var more = add(cart, 1, null);
        assertThat(more.json().at("/items/0/quantity").asInt()).isEqualTo(3);
        assertThat(more.json().get("items_count").asInt()).isEqualTo(3);

        var changed = http.patch("/api/v1/carts/" + cart + "/items/" + sku, "{\"quantity\": 5}");
        assertThat(changed.json().get("subtotal").decimalValue()).isEqualByComparingTo("149.95");

        // the cart keeps the price it showed; the catalog may change meanwhile
        http.patch("/api/v1/products/" + productId + "/variants/" + sku,
                "{\"price\": {\"amount\": 35.00, \"currency\": \"EUR\"}}");
        assertThat(http.get("/api/v1/carts/" + cart).json().at("/items/0/unit_price").decimalValue())
                .isEqualByComparingTo("29.99");

        var removed = http.send("DELETE", "/api/v1/carts/" + cart + "/items/" + sku, null, Map.of());
        assertThat(removed.json().get("items")).isEmpty();
        assertThat(http.send("DELETE", "/api/v1/carts/" + cart + "/items/" + sku, null, Map.of()).errorCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void refusesAChangeBasedOnAStaleVersion() {
        var cart = newCart();
        var first = add(cart, 1, "\"0\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");

        var stale = add(cart, 1, "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("PRECONDITION_FAILED");
        assertThat(stale.json().at("/error/details/current_version").asLong()).isEqualTo(1);

        assertThat(add(cart, 1, "\"1\"").status()).isEqualTo(200);
        assertThat(add(cart, 1, "W/\"2\"").status()).isEqualTo(200);
        assertThat(add(cart, 1, "not-a-version").errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(http.get("/api/v1/carts/" + cart).json().at("/items/0/quantity").asInt()).isEqualTo(3);
    }

    @Test
    void letsOnlyOneOfTwoConcurrentEditsOfTheSameVersionWin() throws Exception {
        var cart = newCart();
        var version = "\"" + add(cart, 1, null).json().get("version").asLong() + "\"";

        var results = Concurrently.run(2, i -> add(cart, 1, version));

        assertThat(results).extracting(HttpClient.Response::status).containsExactlyInAnyOrder(200, 412);
        assertThat(http.get("/api/v1/carts/" + cart).json().at("/items/0/quantity").asInt()).isEqualTo(2);
    }

    @Test
    void checksOutIntoAnOrderAndFreezesTheCart() {
        var cart = newCart();
        add(cart, 2, null);

        var checkout = http.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        var orderId = checkout.json().get("order_id").asText();
        assertThat(checkout.header("Location")).isEqualTo("/api/v1/orders/" + orderId);

        var order = Eventually.assertThat(() -> http.get("/api/v1/orders/" + orderId), o -> o.status() != 404);
        assertThat(checkout.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.json().at("/items/0/sku").asText()).isEqualTo(sku);
        assertThat(order.json().at("/items/0/quantity").asInt()).isEqualTo(2);

        Eventually.assertThat(() -> http.get("/api/v1/carts/" + cart).json().get("status").asText(),
                "CHECKED_OUT"::equals);
        assertThat(http.get("/api/v1/carts/" + cart).json().get("order_id").asText()).isEqualTo(orderId);

        var late = add(cart, 1, null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
        assertThat(http.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT).status()).isEqualTo(409);
    }

    @Test
    void leavesTheCartOpenWhenItsOrderCannotBePlaced() {
        var code = "CART" + uniqueSku("X").replace("-", "");
        assertThat(http.post("/api/v1/promo-codes", """
                {"code": "%s", "type": "PERCENTAGE", "percent_off": 10,
                 "minimum_order_value": {"amount": 100, "currency": "EUR"}}""".formatted(code)).status())
                .isEqualTo(201);
        var cart = newCart();
        add(cart, 1, null);
        var applied = http.send("PUT", "/api/v1/carts/" + cart + "/promo-code", "{\"code\": \"" + code.toLowerCase()
                + "\"}", Map.of("Content-Type", "application/json"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("promo_code").asText()).isEqualTo(code);

        var belowMinimum = http.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT);
        assertThat(belowMinimum.status()).isEqualTo(422);
        assertThat(belowMinimum.errorCode()).isEqualTo("PROMO_CODE_INVALID");
        assertThat(http.get("/api/v1/carts/" + cart).json().get("status").asText()).isEqualTo("OPEN");

        var unknownCode = http.send("PUT", "/api/v1/carts/" + cart + "/promo-code", "{\"code\": \"NOPE-NOPE\"}",
                Map.of("Content-Type", "application/json"));
        assertThat(unknownCode.errorCode()).isEqualTo("PROMO_CODE_INVALID");
        var emptied = http.send("DELETE", "/api/v1/carts/" + cart + "/items", null, Map.of());
        assertThat(emptied.json().get("promo_code").isNull()).isTrue();
        assertThat(http.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT).errorCode())
                .isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void refusesUnknownCartsAndSkusThatAreNotForSale() {
        assertThat(http.get("/api/v1/carts/cart_nope").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(http.post("/api/v1/carts/cart_nope/items", "{\"sku\": \"ABC-1\", \"quantity\": 1}").errorCode())
                .isEqualTo("NOT_FOUND");
        var cart = newCart();
        assertThat(http.post("/api/v1/carts/" + cart + "/items", "{\"sku\": \"NOT-SOLD-1\", \"quantity\": 1}")
                .errorCode()).isEqualTo("NOT_FOR_SALE");
        assertThat(add(cart, 100, null).errorCode()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void abandonsACartLeftUntouched() {
        var cart = newCart();
        add(cart, 1, null);

        var status = Eventually.assertThat(() -> http.get("/api/v1/carts/" + cart).json().get("status").asText(),
                "ABANDONED"::equals, Duration.ofSeconds(45));
        assertThat(status).isEqualTo("ABANDONED");
        assertThat(add(cart, 1, null).errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    }
}
