package com.postr.app.web;

import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input gets a 4xx in the documented format, never a 500 or a stack trace, and leaves no trace
 * in the event store.
 */
@PostrIntegrationTest
class BadInputTest {

    private static final String VALID_VARIANT = """
            {"sku": "OK-SKU-1", "size": "A3", "framed": false, "paper": "matte",
             "price": {"amount": 10, "currency": "EUR"}}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    private static final String ITEMS = "[{\"sku\": \"ABC-1\", \"quantity\": 1}]";

    private static String order(String items) {
        return """
                {"items": %s,
                 "shipping_address": {"name": "E", "street": "S", "city": "C", "zip": "1", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(items);
    }

    private static String manyItems(int n) {
        var items = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\": \"SKU-").append(i).append("\", \"quantity\": 1}");
        }
        return items.append("]").toString();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("malformed JSON", "POST", "/api/v1/products", "{\"title\": \"x\",", 400, "INVALID_REQUEST"),
                arguments("empty body", "POST", "/api/v1/products", "", 400, "INVALID_REQUEST"),
                arguments("array instead of object", "POST", "/api/v1/products", "[1, 2]", 400, "INVALID_REQUEST"),
                arguments("string instead of array", "POST", "/api/v1/products",
                        "{\"title\":\"t\",\"artist\":\"a\",\"category\":\"c\",\"variants\":\"none\"}", 400,
                        "VALIDATION_ERROR"),
                arguments("number instead of boolean", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("false", "3"), 400, "VALIDATION_ERROR"),
                arguments("string instead of boolean", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("false", "\"no\""), 400, "VALIDATION_ERROR"),
                arguments("unknown enum value", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("\"A3\"", "\"A9\""), 400, "VALIDATION_ERROR"),
                arguments("unknown field", "POST", "/api/v1/products", "{\"titel\": \"typo\"}", 400,
                        "VALIDATION_ERROR"),
                arguments("blank title", "POST", "/api/v1/products",
                        registration(" ", "c", "BLANK-1"), 400, "VALIDATION_ERROR"),
                arguments("no variants", "POST", "/api/v1/products",
                        "{\"title\":\"t\",\"artist\":\"a\",\"category\":\"c\",\"variants\":[]}", 400,
                        "VALIDATION_ERROR"),
                arguments("malformed SKU", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("OK-SKU-1", "lower case"), 400, "VALIDATION_ERROR"),
                arguments("negative price", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("10", "-10"), 400, "VALIDATION_ERROR"),
                arguments("too many decimals", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("10", "10.001"), 400, "VALIDATION_ERROR"),
                arguments("unknown currency", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("EUR", "XYZ"), 400, "VALIDATION_ERROR"),
                arguments("price as a string of words", "POST", "/api/v1/products/prod_x/variants",
                        VALID_VARIANT.replace("10", "\"ten\""), 400, "VALIDATION_ERROR"),
                arguments("null required object", "PATCH", "/api/v1/products/prod_x/variants/OK-SKU-1",
                        "{\"price\": null}", 400, "VALIDATION_ERROR"),
                arguments("blank patched title", "PATCH", "/api/v1/products/prod_x", "{\"title\": \"  \"}", 400,
                        "VALIDATION_ERROR"),
                arguments("too long title", "PATCH", "/api/v1/products/prod_x",
                        "{\"title\": \"" + "x".repeat(201) + "\"}", 400, "VALIDATION_ERROR"),
                arguments("page zero", "GET", "/api/v1/products?page=0", null, 400, "VALIDATION_ERROR"),
                arguments("limit over 100", "GET", "/api/v1/products?limit=101", null, 400, "VALIDATION_ERROR"),
                arguments("page not a number", "GET", "/api/v1/products?page=abc", null, 400, "VALIDATION_ERROR"),
                arguments("unknown status filter", "GET", "/api/v1/products?status=sold", null, 400,
                        "VALIDATION_ERROR"),
                arguments("unknown product read", "GET", "/api/v1/products/prod_nope", null, 404, "NOT_FOUND"),
                arguments("unknown product write", "PATCH", "/api/v1/products/prod_nope", "{\"title\": \"x\"}", 404,
                        "NOT_FOUND"),
                arguments("very long id", "GET", "/api/v1/products/" + "p".repeat(5000), null, 404, "NOT_FOUND"),
                arguments("unknown path", "GET", "/api/v1/nothing-here", null, 404, "NOT_FOUND"),
                arguments("wrong method", "DELETE", "/api/v1/products", null, 405, "METHOD_NOT_ALLOWED"),
                // orders
                arguments("order without items", "POST", "/api/v1/orders", order("[]"), 400, "VALIDATION_ERROR"),
                arguments("order with 51 lines", "POST", "/api/v1/orders", order(manyItems(51)), 400,
                        "VALIDATION_ERROR"),
                arguments("order quantity 0", "POST", "/api/v1/orders",
                        order("[{\"sku\": \"ABC-1\", \"quantity\": 0}]"), 400, "VALIDATION_ERROR"),
                arguments("order with card number", "POST", "/api/v1/orders",
                        order(ITEMS).replace("pm_card_visa", "4242424242424242"), 400, "VALIDATION_ERROR"),
                arguments("order with bad country", "POST", "/api/v1/orders",
                        order(ITEMS).replace("\"DE\"", "\"Germany\""), 400, "VALIDATION_ERROR"),
                // a line's price is only what the shopper saw (checked, never charged); it must still be a price
                arguments("order with a seen price of zero", "POST", "/api/v1/orders",
                        order("[{\"sku\": \"ABC-1\", \"quantity\": 1, \"price\": 0}]"), 400, "VALIDATION_ERROR"),
                arguments("order with a seen price of too many decimals", "POST", "/api/v1/orders",
                        order("[{\"sku\": \"ABC-1\", \"quantity\": 1, \"price\": 1.000001}]"), 400,
                        "VALIDATION_ERROR"),
                arguments("order without address", "POST", "/api/v1/orders",
                        "{\"items\": " + ITEMS + ", \"payment_method\": {\"type\": \"card\", \"token\": \"pm_x\"}}",
                        400, "VALIDATION_ERROR"),
                arguments("unknown order", "GET", "/api/v1/orders/ord_nope", null, 404, "NOT_FOUND"),
                arguments("ship unknown order", "POST", "/api/v1/orders/ord_nope/ship",
                        "{\"carrier\": \"UPS\", \"tracking_number\": \"1Z\"}", 404, "NOT_FOUND"),
                arguments("ship without tracking", "POST", "/api/v1/orders/ord_nope/ship", "{\"carrier\": \"UPS\"}",
                        400, "VALIDATION_ERROR"),
                arguments("cancel with a system reason", "POST", "/api/v1/orders/ord_nope/cancel",
                        "{\"reason\": \"PAYMENT_DECLINED\"}", 400, "VALIDATION_ERROR"),
                arguments("bad order sort", "GET", "/api/v1/orders?sort=secret", null, 400, "VALIDATION_ERROR"),
                arguments("bad order date", "GET", "/api/v1/orders?from_date=2026-13-45", null, 400,
                        "VALIDATION_ERROR"),
                // carts
                arguments("unknown cart", "GET", "/api/v1/carts/cart_nope", null, 404, "NOT_FOUND"),
                arguments("cart item without sku", "POST", "/api/v1/carts/cart_nope/items", "{\"quantity\": 1}", 400,
                        "VALIDATION_ERROR"),
                arguments("cart quantity too large", "PATCH", "/api/v1/carts/cart_nope/items/ABC-1",
                        "{\"quantity\": 1000}", 400, "VALIDATION_ERROR"),
                arguments("checkout without payment", "POST", "/api/v1/carts/cart_nope/checkout",
                        "{\"shipping_address\": {\"name\": \"E\", \"street\": \"S\", \"city\": \"C\", \"zip\": \"1\", "
                                + "\"country\": \"DE\"}}", 400, "VALIDATION_ERROR"),
                // inventory
                arguments("unknown stock", "GET", "/api/v1/inventory/NO-SUCH-SKU", null, 404, "NOT_FOUND"),
                arguments("receipt of words", "POST", "/api/v1/inventory/ABC-1/receipts", "{\"quantity\": \"ten\"}",
                        400, "VALIDATION_ERROR"),
                arguments("huge reservation", "POST", "/api/v1/inventory/ABC-1/reservations",
                        "{\"order_id\": \"ord_1\", \"quantity\": 99999999999}", 400, "VALIDATION_ERROR"),
                arguments("reservation ttl too long", "POST", "/api/v1/inventory/ABC-1/reservations",
                        "{\"order_id\": \"ord_1\", \"quantity\": 1, \"ttl_seconds\": 999999}", 400, "VALIDATION_ERROR"),
                // promo codes
                arguments("promo with both discounts", "POST", "/api/v1/promo-codes",
                        "{\"code\": \"BOTH1\", \"type\": \"PERCENTAGE\", \"percent_off\": 5, "
                                + "\"amount_off\": {\"amount\": 1, \"currency\": \"EUR\"}}", 400, "VALIDATION_ERROR"),
                arguments("promo with bad date", "POST", "/api/v1/promo-codes",
                        "{\"code\": \"DATE1\", \"type\": \"PERCENTAGE\", \"percent_off\": 5, \"valid_from\": \"soon\"}",
                        400, "VALIDATION_ERROR"),
                arguments("unknown promo", "GET", "/api/v1/promo-codes/NOPE1", null, 404, "NOT_FOUND"),
                // payments
                arguments("webhook without signature", "POST", "/api/v1/payments/stripe/webhook", "{}", 400,
                        "INVALID_REQUEST"),
                // control characters, wherever a string comes in
                arguments("NUL in a title", "POST", "/api/v1/products",
                        registration("a\\u0000b", "c", "NUL-TITLE-1"), 400, "VALIDATION_ERROR"),
                arguments("bell in an address", "POST", "/api/v1/orders", order(ITEMS).replace("\"E\"",
                        "\"a\\u0007b\""), 400, "VALIDATION_ERROR"),
                arguments("NUL in a tag", "POST", "/api/v1/products",
                        registration("t", "c", "NUL-TAG-1").replace("\"sea\"", "\"s\\u0000ea\""),
                        400, "VALIDATION_ERROR"),
                arguments("NUL in a catalog filter", "GET", "/api/v1/products?category=a%00b", null, 400,
                        "VALIDATION_ERROR"),
                arguments("NUL in a customer filter", "GET", "/api/v1/orders?customer_id=%00", null, 400,
                        "VALIDATION_ERROR"),
                arguments("NUL in a user search", "GET", "/api/v1/users?email=a%00", null, 400, "VALIDATION_ERROR"),
                arguments("NUL in a login", "POST", "/api/v1/auth/login",
                        "{\"email\": \"a\\u0000@example.com\", \"password\": \"x\"}", 400, "VALIDATION_ERROR"),
                arguments("NUL in a promo code", "PUT", "/api/v1/carts/cart_nope/promo-code",
                        "{\"code\": \"A\\u0000\"}", 400, "VALIDATION_ERROR"),
                arguments("terminal escape in a filter", "GET", "/api/v1/products?artist=%1B%5B31m", null,
                        400, "VALIDATION_ERROR"),
                // JSON read as written, not guessed at
                arguments("duplicate key", "POST", "/api/v1/inventory/ABC-1/receipts",
                        "{\"quantity\": 1, \"quantity\": 2}", 400, "VALIDATION_ERROR"),
                arguments("content after the body", "POST", "/api/v1/products", "{} {}", 400, "INVALID_REQUEST"),
                // dates outside the documented range
                arguments("order date far in the past", "GET", "/api/v1/orders?from_date=-999999999-01-01", null,
                        400, "VALIDATION_ERROR"),
                arguments("order date far in the future", "GET", "/api/v1/orders?to_date=+999999999-12-31", null,
                        400, "VALIDATION_ERROR"),
                // URLs the container or the firewall refuses, still in the error format
                arguments("encoded NUL in a path", "GET", "/api/v1/products/a%00b", null, 400, "INVALID_REQUEST"),
                arguments("encoded slash in a path", "GET", "/api/v1/products/a%2Fb", null, 400, "INVALID_REQUEST"),
                arguments("encoded backslash in a path", "GET", "/api/v1/products/a%5Cb", null, 400,
                        "INVALID_REQUEST"),
                arguments("invalid UTF-8 in a path", "GET", "/api/v1/products/a%C3%28", null, 400,
                        "INVALID_REQUEST"),
                arguments("too many query parameters", "GET", "/api/v1/products?" + "a=1&".repeat(100), null, 400,
                        "INVALID_REQUEST"),
                arguments("a method the API does not speak", "PROPFIND", "/api/v1/products", null, 405,
                        "METHOD_NOT_ALLOWED"),
                arguments("TRACE", "TRACE", "/api/v1/products", null, 405, "METHOD_NOT_ALLOWED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersBadInputWithADocumentedClientError(String name, String method, String path, String body,
                                                   int status, String code) {
        // this request's own id: other tests' deadlines and sagas may store events meanwhile, never under it
        var requestId = "bad-input-" + UUID.randomUUID();
        var headers = new java.util.HashMap<String, String>(Map.of("X-Request-Id", requestId));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }

        var response = http.send(method, path, body, headers);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertDocumentedError(response, code);
        assertThat(eventsCausedBy(requestId)).as("no event may be stored for a rejected request").isZero();
    }

    @Test
    void refusesAnOversizedBodyBeforeParsingIt() {
        var huge = "{\"title\": \"" + "x".repeat(300_000) + "\"}";
        var response = http.post("/api/v1/products", huge);
        assertThat(response.status()).isEqualTo(413);
        assertDocumentedError(response, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesAnOversizedChunkedBodyWhileReadingIt() {
        var huge = ("{\"title\": \"" + "x".repeat(300_000) + "\"}").getBytes();
        var response = http.postChunked("/api/v1/products", huge);
        assertThat(response.status()).isEqualTo(413);
        assertDocumentedError(response, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesDeeplyNestedJson() {
        var deep = "{\"title\": " + "[".repeat(3000) + "]".repeat(3000) + "}";
        var response = http.post("/api/v1/products", deep);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isIn("INVALID_REQUEST", "VALIDATION_ERROR");
    }

    @Test
    void refusesANonJsonContentType() {
        var response = http.send("POST", "/api/v1/products", "title=x", Map.of("Content-Type", "text/plain"));
        assertThat(response.status()).isEqualTo(415);
        assertDocumentedError(response, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*/*", "application/*", "application/json-patch+json",
            "application/merge-patch+json", "application/json;;", "application/json; charset=latin1",
            "application/x-www-form-urlencoded"})
    void refusesEveryContentTypeButPlainJson(String contentType) {
        var requestId = "bad-type-" + UUID.randomUUID();
        var response = http.send("POST", "/api/v1/products", registration("Typed", "c", uniqueSku("TYPE")),
                Map.of("Content-Type", contentType, "X-Request-Id", requestId));
        assertThat(response.status()).as(response.body()).isEqualTo(415);
        assertDocumentedError(response, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(eventsCausedBy(requestId)).isZero();
        var accepted = http.send("POST", "/api/v1/products", registration("Typed", "c", uniqueSku("TYPE")),
                Map.of("Content-Type", "application/json; charset=UTF-8"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void namesTheAllowedMethodsForOnesTheApiDoesNotSpeak() {
        var response = http.send("PROPFIND", "/api/v1/orders", null, Map.of());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET", "POST");
    }

    @Test
    void answersInJsonEvenWhenTheClientAsksForXml() {
        var created = http.post("/api/v1/products", registration("Xml", "c", uniqueSku("XML")));
        var id = created.json().get("product_id").asText();
        var response = http.send("GET", "/api/v1/products/" + id, null, Map.of("Accept", "application/xml"));
        assertThat(response.status()).isEqualTo(406);
        assertDocumentedError(response, "NOT_ACCEPTABLE");
    }

    @Test
    void namesEveryInvalidFieldInSnakeCase() {
        var response = http.post("/api/v1/products", """
                {"title": "", "artist": "a", "category": "c",
                 "variants": [{"sku": "bad", "size": "A3", "framed": false, "paper": "matte",
                               "price": {"amount": 1, "currency": "eur"}}]}""");
        assertThat(response.status()).isEqualTo(400);
        var fields = response.json().at("/error/details/fields");
        assertThat(fields).extracting(f -> f.get("field").asText())
                .contains("title", "variants[0].sku", "variants[0].price.currency");
    }

    @Test
    void keepsAProductUnchangedWhenAChangeIsRejected() {
        var created = http.post("/api/v1/products", registration("Kept", "c", uniqueSku("KEEP")));
        var id = created.json().get("product_id").asText();

        var rejected = http.patch("/api/v1/products/" + id, "{\"title\": \"\"}");
        assertThat(rejected.status()).isEqualTo(400);

        var read = http.get("/api/v1/products/" + id);
        assertThat(read.json().get("title").asText()).isEqualTo("Kept");
        assertThat(read.json().get("version").asLong()).isZero();
    }

    private static void assertDocumentedError(HttpClient.Response response, String code) {
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var error = response.json().get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception", "at com.", "at org.");
        assertThat(error.get("details").isObject()).isTrue();
        assertThat(error.get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(error.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    private long eventsCausedBy(String requestId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry "
                + "where position(? in convert_from(meta_data, 'UTF8')) > 0", Long.class, requestId);
    }
}
