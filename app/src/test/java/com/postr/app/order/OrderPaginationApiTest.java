package com.postr.app.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order list's two pagination styles (seed 003, sections 3.3.3 and 3.8) with every filter and sort, at their
 * edges. Each test lists a fresh customer's orders, so the shared database's other orders never interfere.
 */
@PostrIntegrationTest
class OrderPaginationApiTest {

    @LocalServerPort
    int port;

    HttpClient admin;
    String sku;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
        sku = Inventory.stockedSku(admin, "PAGE", 500);
    }

    private String place(HttpClient customer, int quantity, String token) {
        var placed = customer.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": %d}],
                 "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "%s"}}""".formatted(sku, quantity, token));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("order_id").asText();
    }

    /** Follows next_cursor from the first page to the end; returns every order id in the order seen. */
    private static List<String> walk(HttpClient http, String query, int limit) {
        var seen = new ArrayList<String>();
        var first = http.get("/api/v1/orders?" + query + "&limit=" + limit);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var page = first.json();
        seen.addAll(page.get("data").findValuesAsText("order_id"));
        while (page.at("/pagination/has_more").asBoolean()) {
            var cursor = page.at("/pagination/next_cursor").asText();
            var next = http.get("/api/v1/orders?" + query + "&limit=" + limit + "&cursor=" + encode(cursor));
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            page = next.json();
            assertThat(page.get("pagination").has("total_items")).isFalse();
            seen.addAll(page.get("data").findValuesAsText("order_id"));
        }
        assertThat(page.at("/pagination/next_cursor").isMissingNode()).isTrue();
        return seen;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void walksEverySortBothWaysWithCursorsInTheOrderOfOffsetPages() {
        var customer = Users.customer(port);
        var quantities = new int[] {3, 1, 2, 1, 4, 2, 1};
        for (int quantity : quantities) {
            place(customer, quantity, "pm_card_visa");
        }
        place(customer, 1, "pm_card_chargeDeclined"); // CANCELLED: another status to sort by

        for (var sort : List.of("created_at", "total", "status")) {
            for (var order : List.of("asc", "desc")) {
                var query = "sort=" + sort + "&order=" + order;
                var everything = admin.get("/api/v1/orders?customer_id=" + Users.userId(customer) + "&" + query
                        + "&limit=100").json();
                var expected = everything.get("data").findValuesAsText("order_id");
                assertThat(expected).hasSize(8);
                assertSorted(everything.get("data"), sort, order.equals("asc"));

                assertThat(walk(customer, query, 3)).as(query).containsExactlyElementsOf(expected);
                assertThat(walk(customer, query, 1)).as(query).containsExactlyElementsOf(expected);
                assertThat(walk(customer, query, 8)).as(query).containsExactlyElementsOf(expected);
            }
        }
    }

    private static void assertSorted(JsonNode data, String sort, boolean ascending) {
        var rows = new ArrayList<JsonNode>();
        data.forEach(rows::add);
        Comparator<JsonNode> key = switch (sort) {
            case "total" -> Comparator.comparing(n -> new BigDecimal(n.get("total").asText()));
            case "status" -> Comparator.comparing(n -> n.get("status").asText());
            default -> Comparator.comparing(n -> Instant.parse(n.get("created_at").asText()));
        };
        var sorted = new ArrayList<>(rows);
        sorted.sort(ascending ? key : key.reversed());
        assertThat(rows.stream().map(n -> n.get(sort).asText()).toList())
                .isEqualTo(sorted.stream().map(n -> n.get(sort).asText()).toList());
    }

    @Test
    void filtersByStatusAndDatesInBothStyles() {
        var customer = Users.customer(port);
        var confirmed = List.of(place(customer, 1, "pm_card_visa"), place(customer, 2, "pm_card_visa"),
                place(customer, 3, "pm_card_visa"));
        var declined = place(customer, 1, "pm_card_chargeDeclined");
        var today = LocalDate.now(ZoneOffset.UTC);

        var byStatus = walk(customer, "status=confirmed&from_date=" + today + "&to_date=" + today, 2);
        assertThat(byStatus).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(walk(customer, "status=cancelled", 2)).containsExactly(declined);
        assertThat(walk(customer, "to_date=" + today.minusDays(1), 2)).isEmpty();
        var offset = customer.get("/api/v1/orders?status=confirmed&page=2&limit=2").json();
        assertThat(offset.get("data")).hasSize(1);
        assertThat(offset.at("/pagination/total_items").asInt()).isEqualTo(3);
        assertThat(offset.at("/pagination/has_next").asBoolean()).isFalse();
        assertThat(offset.at("/pagination/has_more").asBoolean()).isFalse();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void totalsEveryonesOrdersForStaffFromTheDailyCounts() {
        var customer = Users.customer(port);
        place(customer, 1, "pm_card_visa");
        place(customer, 1, "pm_card_chargeDeclined");
        var today = LocalDate.now(ZoneOffset.UTC);
        for (var filter : List.of("", "&status=confirmed", "&status=cancelled", "&from_date=" + today,
                "&status=cancelled&from_date=" + today + "&to_date=" + today, "&to_date=" + today.minusDays(1))) {
            var where = new StringBuilder("true");
            if (filter.contains("status=")) {
                where.append(" and status = '").append(filter.contains("confirmed") ? "CONFIRMED" : "CANCELLED")
                        .append("'");
            }
            if (filter.contains("from_date")) {
                where.append(" and created_at >= '").append(today).append("T00:00:00Z'");
            }
            if (filter.contains("to_date=" + today.minusDays(1))) {
                where.append(" and created_at < '").append(today).append("T00:00:00Z'");
            } else if (filter.contains("to_date")) {
                where.append(" and created_at < '").append(today.plusDays(1)).append("T00:00:00Z'");
            }
            // equal whenever no order changes status in between: retried until a quiet moment
            Eventually.assertThat(() -> admin.get("/api/v1/orders?limit=1" + filter).json()
                            .at("/pagination/total_items").asLong()
                            - jdbc.queryForObject("select count(*) from order_history where " + where, Long.class),
                    difference -> difference == 0);
        }
    }

    @Test
    void answersTheEdgesOfBothStyles() {
        var customer = Users.customer(port);
        var empty = customer.get("/api/v1/orders").json();
        assertThat(empty.get("data")).isEmpty();
        assertThat(empty.at("/pagination/total_items").asInt()).isZero();
        assertThat(empty.at("/pagination/has_more").asBoolean()).isFalse();
        assertThat(empty.at("/pagination/next_cursor").isMissingNode()).isTrue();

        var first = place(customer, 1, "pm_card_visa");
        var second = place(customer, 1, "pm_card_visa");
        var page1 = customer.get("/api/v1/orders?limit=1").json();
        assertThat(page1.get("data").findValuesAsText("order_id")).containsExactly(second);
        assertThat(page1.at("/pagination/has_next").asBoolean()).isTrue();
        var cursor = page1.at("/pagination/next_cursor").asText();
        var last = customer.get("/api/v1/orders?limit=1&cursor=" + encode(cursor)).json();
        assertThat(last.get("data").findValuesAsText("order_id")).containsExactly(first);
        assertThat(last.at("/pagination/has_more").asBoolean()).isFalse();
        assertThat(last.at("/pagination/limit").asInt()).isEqualTo(1);
        var pastTheEnd = customer.get("/api/v1/orders?page=3&limit=1").json();
        assertThat(pastTheEnd.get("data")).isEmpty();

        assertThat(customer.get("/api/v1/orders?limit=0").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(customer.get("/api/v1/orders?limit=101").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(customer.get("/api/v1/orders?page=2&cursor=" + encode(cursor)).errorCode())
                .isEqualTo("VALIDATION_ERROR");

        // not issued by the API, altered, or used with other filters or another sort
        for (var bad : List.of("abc", "eyJpZCI6MTIzNDU2fQ==", cursor + "x", flipOneCharacter(cursor),
                cursor.substring(0, cursor.indexOf('.')) + "." + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(new byte[16]))) {
            var refused = customer.get("/api/v1/orders?limit=1&cursor=" + encode(bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).as(bad).isEqualTo("INVALID_CURSOR");
        }
        assertThat(customer.get("/api/v1/orders?limit=1&sort=total&cursor=" + encode(cursor)).errorCode())
                .isEqualTo("INVALID_CURSOR");
        assertThat(customer.get("/api/v1/orders?limit=1&status=cancelled&cursor=" + encode(cursor)).errorCode())
                .isEqualTo("INVALID_CURSOR");
        assertThat(Users.customer(port).get("/api/v1/orders?limit=1&cursor=" + encode(cursor)).errorCode())
                .as("another customer's listing").isEqualTo("INVALID_CURSOR");
    }

    private static String flipOneCharacter(String cursor) {
        var chars = cursor.toCharArray();
        chars[2] = chars[2] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    @Test
    void neitherSkipsNorRepeatsAnOrderWhileOrdersArePlaced() throws Exception {
        var customer = Users.customer(port);
        var before = new HashSet<String>();
        for (int i = 0; i < 12; i++) {
            before.add(place(customer, 1 + i % 3, "pm_card_visa"));
        }
        var placing = new AtomicBoolean(true);
        var placedMeanwhile = new AtomicInteger();
        var writer = Executors.newSingleThreadExecutor();
        var writing = writer.submit(() -> {
            while (placing.get()) {
                place(customer, 1, "pm_card_visa");
                placedMeanwhile.incrementAndGet();
            }
            return null;
        });
        try {
            for (var query : List.of("sort=created_at&order=desc", "sort=created_at&order=asc",
                    "sort=total&order=asc", "sort=status&order=desc")) {
                var seen = walk(customer, query, 2);
                assertThat(seen).as(query).doesNotHaveDuplicates();
                assertThat(seen).as(query).containsAll(before);
            }
        } finally {
            placing.set(false);
            writing.get(60, TimeUnit.SECONDS);
            writer.shutdown();
        }
        assertThat(placedMeanwhile.get()).isPositive();
    }
}
