package com.postr.app.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.app.support.Browser;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Products;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted day of the shop, through the real API and the checkout saga, on a database of its own so every figure
 * is known exactly: a promo-code order that stands, an order confirmed then cancelled by the shop and refunded,
 * an out-of-stock cancellation, a declined card, and two guest carts left to expire (after 15 s in tests). Then
 * each report, as JSON and CSV, and the same figures again after the projection is replayed from the start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "postr.analytics.zone=Europe/Berlin")
@ActiveProfiles("test")
@DirtiesContext // its own database, closed afterwards so its processors do not run through the rest of the suite
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsApiTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    private HttpClient admin;
    private HttpClient analyst;
    private String range;
    /** The orders' own figures, as the order API shows them. */
    private JsonNode standing;
    private JsonNode refunded;

    @BeforeAll
    void playTheDay() {
        admin = Users.admin(port);
        analyst = Users.withRole(port, "analyst");
        var customer = Users.customer(port);
        var today = LocalDate.now(BERLIN);
        // a day either side: the scenario may cross midnight in Berlin
        range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

        var a3 = Products.uniqueSku("AN-A3");
        var a2 = Products.uniqueSku("AN-A2");
        var registered = admin.post("/api/v1/products", """
                {"title": "Great Wave", "artist": "Hokusai", "description": "Woodblock print", "category": "japanese",
                 "tags": ["sea"], "colors": ["blue"],
                 "variants": [{"sku": "%s", "size": "A3", "framed": false, "paper": "matte",
                               "price": {"amount": 30.00, "currency": "EUR"}},
                              {"sku": "%s", "size": "A2", "framed": true, "paper": "glossy",
                               "price": {"amount": 80.00, "currency": "EUR"}}]}""".formatted(a3, a2));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var q = com.postr.app.support.Inventory.stockedSku(admin, "AN-Q", 5);
        com.postr.app.support.Inventory.receive(admin, a3, 10);
        com.postr.app.support.Inventory.receive(admin, a2, 1);
        var promo = "SPRING" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(admin.post("/api/v1/promo-codes", "{\"code\": \"" + promo
                + "\", \"type\": \"percentage\", \"percent_off\": 10}").status()).isEqualTo(201);

        // cart 1: two A3 and the only A2, with the promo code; it stands
        var cart1 = cart(customer, Map.of(a3, 2, a2, 1));
        assertThat(customer.send("PUT", "/api/v1/carts/" + cart1 + "/promo-code", "{\"code\": \"" + promo + "\"}",
                Map.of("Content-Type", "application/json")).status()).isEqualTo(200);
        standing = checkout(customer, cart1, "pm_card_visa", "CONFIRMED");
        // cart 2: a Q, confirmed, then cancelled by the shop and refunded
        refunded = checkout(customer, cart(customer, Map.of(q, 1)), "pm_card_visa", "CONFIRMED");
        var refundedId = refunded.get("order_id").asText();
        assertThat(admin.post("/api/v1/orders/" + refundedId + "/cancel", "{\"reason\": \"merchant_decision\"}")
                .status()).isEqualTo(200);
        // the checkout saga refunds the captured payment and records it on the order
        Eventually.assertThat(() -> admin.get("/api/v1/orders/" + refundedId).json(),
                o -> "REFUNDED".equals(o.at("/refund/status").asText()));
        // an order straight from the API for the A2 that is gone
        var outOfStock = customer.post("/api/v1/orders", Shopping.orderOf(a2, 1));
        assertThat(outOfStock.status()).isEqualTo(201);
        awaitStatus(customer, outOfStock.json().get("order_id").asText(), "CANCELLED");
        // cart 3: a declined card
        checkout(customer, cart(customer, Map.of(a3, 1)), "pm_card_chargeDeclined", "CANCELLED");
        // two guest carts, one with an item, one empty: both expire untouched
        var guest = new HttpClient(port);
        var withItem = guest.post("/api/v1/carts", "").json();
        guest.withHeader("X-Cart-Token", withItem.get("cart_token").asText()).send("POST",
                "/api/v1/carts/" + withItem.get("cart_id").asText() + "/items", "{\"sku\": \"" + q
                        + "\", \"quantity\": 1}", Map.of("Content-Type", "application/json"));
        guest.post("/api/v1/carts", "");
    }

    private static String cart(HttpClient customer, Map<String, Integer> lines) {
        var cart = customer.post("/api/v1/carts", "").json().get("cart_id").asText();
        lines.forEach((sku, quantity) -> {
            var added = customer.send("POST", "/api/v1/carts/" + cart + "/items", "{\"sku\": \"" + sku
                    + "\", \"quantity\": " + quantity + "}", Map.of("Content-Type", "application/json"));
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        });
        return cart;
    }

    private JsonNode checkout(HttpClient customer, String cart, String card, String expected) {
        var checkout = customer.post("/api/v1/carts/" + cart + "/checkout",
                Shopping.CHECKOUT.replace("pm_card_visa", card));
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        return awaitStatus(customer, checkout.json().get("order_id").asText(), expected);
    }

    private JsonNode awaitStatus(HttpClient customer, String orderId, String status) {
        return Eventually.assertThat(() -> customer.get("/api/v1/orders/" + orderId).json(),
                o -> status.equals(o.path("status").asText()));
    }

    private JsonNode report(String path) {
        var answer = analyst.get("/api/v1/analytics/" + path + (path.contains("?") ? "&" : "?") + range);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Every report, once the projection has seen the whole day (the carts expire last). */
    private Map<String, JsonNode> settledReports() {
        Eventually.assertThat(() -> report("funnel"), f -> f.get("carts_expired").asInt() == 2
                        && report("sales").at("/totals/refunds").decimalValue().compareTo(BigDecimal.ZERO) > 0,
                Duration.ofSeconds(60));
        return Map.of("sales", report("sales"), "orders", report("orders"), "top", report("products/top"),
                "funnel", report("funnel"), "payments", report("payments"), "promo", report("promo-codes"));
    }

    private static BigDecimal sum(JsonNode a, JsonNode b, String field) {
        return a.get(field).decimalValue().add(b.get(field).decimalValue());
    }

    @Test
    @Order(1)
    void everyFigureOfTheDayIsExact() {
        var reports = settledReports();

        var totals = reports.get("sales").get("totals");
        assertThat(totals.get("orders_placed").asInt()).isEqualTo(4);
        assertThat(totals.get("orders_confirmed").asInt()).isEqualTo(2);
        assertThat(totals.get("gross_sales").decimalValue()).isEqualByComparingTo(sum(standing, refunded, "total"));
        assertThat(totals.get("refunds").decimalValue()).isEqualByComparingTo(refunded.get("total").decimalValue());
        assertThat(totals.get("revenue").decimalValue()).isEqualByComparingTo(standing.get("total").decimalValue());
        assertThat(totals.get("average_order_value").decimalValue()).isEqualByComparingTo(
                sum(standing, refunded, "total").divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.HALF_EVEN));
        assertThat(totals.get("units").asInt()).isEqualTo(4);
        assertThat(totals.get("discounts").decimalValue()).isEqualByComparingTo(standing.get("discount").decimalValue())
                .isEqualByComparingTo("14.00"); // 10 % of 2 × 30.00 + 80.00
        assertThat(totals.get("tax").decimalValue()).isEqualByComparingTo(sum(standing, refunded, "tax"));
        assertThat(totals.get("shipping").decimalValue()).isEqualByComparingTo(sum(standing, refunded, "shipping"));
        assertThat(reports.get("sales").get("data")).hasSize(3);
        assertThat(reports.get("sales").get("zone").asText()).isEqualTo("Europe/Berlin");

        var orders = reports.get("orders");
        assertThat(orders.get("placed").asInt()).isEqualTo(4);
        assertThat(orders.at("/by_status/CONFIRMED").asInt()).isEqualTo(1);
        assertThat(orders.at("/by_status/CANCELLED").asInt()).isEqualTo(3);
        assertThat(orders.get("cancellations_by_reason").toString()).isEqualTo(
                "{\"MERCHANT_DECISION\":1,\"OUT_OF_STOCK\":1,\"PAYMENT_DECLINED\":1}");

        // the order that was cancelled after confirmation sold nothing, so Q is not among the products
        var top = reports.get("top").get("data");
        assertThat(top).hasSize(1);
        assertThat(top.at("/0/title").asText()).isEqualTo("Great Wave");
        assertThat(top.at("/0/units").asInt()).isEqualTo(3);
        assertThat(top.at("/0/revenue").decimalValue()).isEqualByComparingTo("140.00");
        assertThat(top.at("/0/variants/0/size").asText()).isEqualTo("A2");
        assertThat(top.at("/0/variants/0/framed").asBoolean()).isTrue();
        assertThat(top.at("/0/variants/1/paper").asText()).isEqualTo("MATTE");
        assertThat(top.at("/0/variants/1/units").asInt()).isEqualTo(2);

        var funnel = reports.get("funnel");
        assertThat(funnel.get("carts_created").asInt()).isEqualTo(5);
        assertThat(funnel.get("carts_with_items").asInt()).isEqualTo(4);
        assertThat(funnel.get("checkouts_started").asInt()).isEqualTo(3);
        assertThat(funnel.get("orders_confirmed").asInt()).isEqualTo(2);
        assertThat(funnel.get("orders_cancelled").asInt()).isEqualTo(2);
        assertThat(funnel.get("carts_expired").asInt()).isEqualTo(2);
        // no cart is a week old yet: none can be judged abandoned by the 7-day rule
        assertThat(funnel.get("carts_abandoned").asInt()).isZero();
        assertThat(funnel.get("abandonment_rate").isNull()).isTrue();

        var payments = reports.get("payments");
        assertThat(payments.get("decided").asInt()).isEqualTo(3);
        assertThat(payments.get("authorized").asInt()).isEqualTo(2);
        assertThat(payments.get("declined").asInt()).isEqualTo(1);
        assertThat(payments.get("decline_rate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(payments.get("declines_by_code").toString()).isEqualTo("{\"generic_decline\":1}");
        assertThat(payments.get("confirmation_seconds_p50").asDouble()).isPositive();
        assertThat(payments.get("confirmation_seconds_p95").asDouble())
                .isGreaterThanOrEqualTo(payments.get("confirmation_seconds_p50").asDouble());

        var promo = reports.get("promo").get("data");
        assertThat(promo).hasSize(1);
        assertThat(promo.at("/0/orders").asInt()).isEqualTo(1);
        assertThat(promo.at("/0/discount").decimalValue()).isEqualByComparingTo("14.00");
        assertThat(promo.at("/0/sales").decimalValue()).isEqualByComparingTo(standing.get("total").decimalValue());
    }

    @Test
    @Order(2)
    void theSameFiguresComeAsCsvWithAHeaderRow() {
        settledReports();
        var sales = analyst.get("/api/v1/analytics/sales?format=csv&" + range);
        assertThat(sales.status()).as(sales.body()).isEqualTo(200);
        assertThat(sales.header("Content-Type")).startsWith("text/csv");
        assertThat(sales.header("Content-Disposition")).contains("sales.csv");
        var lines = sales.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("period,orders_placed,orders_confirmed,gross_sales,refunds,revenue,"
                + "average_order_value,units,discounts,tax,shipping,currency");
        assertThat(lines).hasSize(4);
        assertThat(java.util.Arrays.stream(lines).skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1])).sum())
                .isEqualTo(4);

        var top = analyst.withHeader("Accept", "text/csv").get("/api/v1/analytics/products/top?by=units&" + range);
        assertThat(top.header("Content-Type")).startsWith("text/csv");
        var rows = top.body().split("\r\n");
        assertThat(rows[0]).startsWith("rank,product_id,title,artist,product_units,product_revenue,sku,size");
        assertThat(rows).hasSize(3); // one row per variant sold
        assertThat(rows[1]).contains(",Great Wave,Hokusai,3,140.00,").contains(",A3,false,MATTE,2,60.00,EUR");

        assertThat(analyst.get("/api/v1/analytics/funnel?format=csv&" + range).body())
                .contains("carts_created,5\r\n").contains("carts_expired,2\r\n");
        assertThat(analyst.get("/api/v1/analytics/payments?format=csv&" + range).body())
                .contains("declines_by_code,generic_decline,1\r\n");
    }

    @Test
    @Order(3)
    void badRangesAndChoicesAre400sAndOnlyAnalystsAndAdminsRead() {
        var bad = Map.of(
                "sales?from=2026-03-10&to=2026-03-01", "from",
                "sales?from=2020-01-01&to=2026-01-02", "to",
                "sales?from=2026-13-01", "from",
                "sales?granularity=hour", "granularity",
                "products/top?by=margin", "by",
                "products/top?limit=0", "limit",
                "funnel?abandoned_after_days=0", "abandoned_after_days",
                "orders?format=xml", "format");
        bad.forEach((path, field) -> {
            var answer = analyst.withHeader("Accept", "text/csv").get("/api/v1/analytics/" + path);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(answer.json().at("/error/details/fields/0/field").asText()).as(path).isEqualTo(field);
        });
        assertThat(Users.customer(port).get("/api/v1/analytics/sales").status()).isEqualTo(403);
        assertThat(new HttpClient(port).get("/api/v1/analytics/sales").status()).isEqualTo(401);
        assertThat(analyst.post("/api/v1/carts", "").status()).as("analysts change nothing").isEqualTo(403);
    }

    @Test
    @Order(4)
    void replayingTheProjectionFromTheStartGivesTheSameFigures() {
        var before = settledReports();
        var processors = admin.get("/api/v1/admin/processors").json();
        var head = processors.get("head").asLong();
        assertThat(head).isPositive();
        var analytics = admin.get("/api/v1/admin/processors/analytics").json();
        assertThat(analytics.get("kind").asText()).isEqualTo("tracking");
        assertThat(analytics.get("status").asText()).isEqualTo("running");
        assertThat(analytics.at("/segments/0/owner").asText()).isNotBlank();

        // through the operators' API: the reset handler empties the facts, then the processor replays
        var reset = admin.post("/api/v1/admin/processors/analytics/reset", "");
        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        assertThat(admin.get("/api/v1/audit/log").body()).contains("reset event processor");
        Eventually.assertThat(() -> Map.of("sales", report("sales"), "orders", report("orders"), "top",
                report("products/top"), "funnel", report("funnel"), "payments", report("payments"), "promo",
                report("promo-codes")), before::equals, Duration.ofSeconds(60));
        var replayed = Eventually.assertThat(() -> admin.get("/api/v1/admin/processors/analytics").json(),
                p -> "running".equals(p.get("status").asText()) && p.get("lag_events").asLong() == 0);
        assertThat(replayed.get("position").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(replayed.get("lag_seconds").asDouble()).isZero();
        assertThat(admin.post("/api/v1/admin/processors/checkout/reset", "").status())
                .as("a saga cannot replay").isEqualTo(409);
    }

    @Test
    @Order(5)
    void theDashboardDrawsTheKnownTotalsInABrowser() throws Exception {
        settledReports();
        var email = Users.uniqueEmail("dashboard");
        var userId = Users.register(new HttpClient(port), email);
        assertThat(admin.patch("/api/v1/users/" + userId, "{\"roles\": [\"analyst\"]}").status()).isEqualTo(200);
        var from = range.substring(5, 15);
        var to = range.substring(range.length() - 10);

        try (var browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/analytics/");
            // signing in as a user would: the page asks the API for a token
            browser.evaluate("document.getElementById('email').value = '" + email + "';"
                    + "document.getElementById('password').value = '" + Users.PASSWORD + "';"
                    + "document.getElementById('sign-in').requestSubmit();");
            browser.waitFor("document.body.dataset.loaded === 'true'", JsonNode::asBoolean);
            // then the scenario's days
            browser.evaluate("delete document.body.dataset.loaded;"
                    + "document.getElementById('from').value = '" + from + "';"
                    + "document.getElementById('to').value = '" + to + "';"
                    + "document.getElementById('range').requestSubmit();");
            browser.waitFor("document.body.dataset.loaded === 'true'", JsonNode::asBoolean);

            var shown = browser.evaluate("""
                    (() => {
                      const data = id => echarts.getInstanceByDom(document.getElementById(id)).getOption().series
                          .map(s => s.data);
                      const text = id => document.getElementById(id).textContent;
                      const painted = id => document.getElementById(id).querySelector('canvas').width > 0;
                      return {revenue: text('kpi-revenue'), orders: text('kpi-orders'), decline: text('kpi-decline'),
                              sales: data('chart-sales'), funnel: data('chart-funnel'),
                              products: data('chart-products'), payments: data('chart-payments'),
                              productNames: echarts.getInstanceByDom(document.getElementById('chart-products'))
                                  .getOption().yAxis[0].data,
                              painted: ['chart-sales', 'chart-funnel', 'chart-products', 'chart-payments']
                                  .every(painted),
                              csv: document.getElementById('csv').href.startsWith('blob:')};
                    })()""");
            browser.screenshot(Path.of("target", "analytics-dashboard.png"));

            var revenue = standing.get("total").decimalValue();
            assertThat(shown.get("revenue").asText()).isEqualTo("€" + revenue.setScale(2));
            assertThat(shown.get("orders").asText()).isEqualTo("2");
            assertThat(shown.get("decline").asText()).isEqualTo("33.3 %");
            var revenueBars = BigDecimal.ZERO;
            for (var bar : shown.at("/sales/0")) {
                revenueBars = revenueBars.add(bar.decimalValue());
            }
            assertThat(revenueBars).isEqualByComparingTo(revenue);
            int confirmed = 0;
            for (var point : shown.at("/sales/1")) {
                confirmed += point.asInt();
            }
            assertThat(confirmed).isEqualTo(2);
            assertThat(shown.at("/funnel/0").toString()).isEqualTo("[5,4,3,2,2,2]");
            assertThat(shown.get("productNames").toString()).isEqualTo("[\"Great Wave\"]");
            assertThat(shown.at("/products/0/0").decimalValue()).isEqualByComparingTo("140.00");
            assertThat(shown.at("/payments/0").toString())
                    .isEqualTo("[{\"name\":\"authorized\",\"value\":2},{\"name\":\"generic_decline\",\"value\":1}]");
            assertThat(shown.get("painted").asBoolean()).isTrue();
            assertThat(shown.get("csv").asBoolean()).as("the CSV download is ready").isTrue();
        }
        assertThat(Path.of("target", "analytics-dashboard.png")).isNotEmptyFile();
    }
}
