package com.postr.app.inventory;

import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;

import static com.postr.app.support.Inventory.reservation;
import static com.postr.app.support.Inventory.stockedSku;
import static org.assertj.core.api.Assertions.assertThat;

/** Inventory over HTTP on real PostgreSQL: levels, reservations, expiry by persistent deadline, no overselling. */
@PostrIntegrationTest
class InventoryApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    @Test
    void receivesAdjustsReservesReleasesAndCommitsStock() {
        var sku = stockedSku(http, "INV", 10);
        var level = http.get("/api/v1/inventory/" + sku).json();
        assertThat(level.get("on_hand").asInt()).isEqualTo(10);
        assertThat(level.get("available").asInt()).isEqualTo(10);

        var reserved = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_a", 3));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        assertThat(reserved.json().get("order_id").asText()).isEqualTo("ord_a");
        assertThat(Instant.parse(reserved.json().get("expires_at").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(reserved.json().at("/stock/reserved").asInt()).isEqualTo(3);
        assertThat(reserved.json().at("/stock/available").asInt()).isEqualTo(7);

        http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_b", 2));
        var released = http.send("DELETE", "/api/v1/inventory/" + sku + "/reservations/ord_b?reason=cancelled",
                null, java.util.Map.of());
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("available").asInt()).isEqualTo(7);

        var committed = http.post("/api/v1/inventory/" + sku + "/reservations/ord_a/commit", "");
        assertThat(committed.status()).isEqualTo(200);
        assertThat(committed.json().get("on_hand").asInt()).isEqualTo(7);
        assertThat(committed.json().get("reserved").asInt()).isZero();
        assertThat(committed.json().get("available").asInt()).isEqualTo(7);

        var adjusted = http.post("/api/v1/inventory/" + sku + "/adjustments", """
                {"quantity_change": -2, "reason": "damaged", "note": "water"}""");
        assertThat(adjusted.status()).isEqualTo(200);
        assertThat(adjusted.json().get("on_hand").asInt()).isEqualTo(5);
    }

    @Test
    void letsExactlyTheAvailableUnitsBeReservedUnderConcurrentRequests() throws Exception {
        var sku = stockedSku(http, "HOT", 10);

        var responses = Concurrently.run(50, i -> http.post("/api/v1/inventory/" + sku + "/reservations",
                reservation("ord_c" + i, 1)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() == 422).hasSize(40).allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo("INSUFFICIENT_INVENTORY");
            assertThat(r.json().at("/error/details/sku").asText()).isEqualTo(sku);
            assertThat(r.json().at("/error/details/requested").asInt()).isEqualTo(1);
            assertThat(r.json().at("/error/details/available").asInt()).isZero();
        });
        var level = http.get("/api/v1/inventory/" + sku).json();
        assertThat(level.get("available").asInt()).isZero();
        assertThat(level.get("reserved").asInt()).isEqualTo(10);
        assertThat(level.get("active_reservations").asInt()).isEqualTo(10);
    }

    @Test
    void snapshotsABusySkuAndKeepsItsStateExact() {
        var sku = stockedSku(http, "SNAP", 100);
        for (int i = 0; i < 30; i++) {
            assertThat(http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_s" + i, 2)).status())
                    .isEqualTo(201);
        }
        assertThat(jdbc.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                Integer.class, sku)).isPositive();

        // loaded from the snapshot plus later events: 60 reserved, 40 available
        var tooMany = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_big", 41));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().at("/error/details/available").asInt()).isEqualTo(40);
        var again = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_s0", 2));
        assertThat(again.status()).as("idempotent repeat survives the snapshot").isEqualTo(201);
        assertThat(again.json().at("/stock/reserved").asInt()).isEqualTo(60);
    }

    @Test
    void expiresAReservationByItsPersistentDeadline() throws InterruptedException {
        var sku = stockedSku(http, "EXP", 5);
        var reserved = http.post("/api/v1/inventory/" + sku + "/reservations",
                "{\"order_id\": \"ord_exp\", \"quantity\": 4, \"ttl_seconds\": 1}");
        assertThat(reserved.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class)).isPositive();

        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        int available;
        do {
            Thread.sleep(250);
            available = http.get("/api/v1/inventory/" + sku).json().get("available").asInt();
        } while (available != 5 && Instant.now().isBefore(deadline));
        assertThat(available).isEqualTo(5);
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.postr.api.inventory.ReservationExpiredEvent'""",
                Integer.class, sku)).isEqualTo(1);

        var commitAfterExpiry = http.post("/api/v1/inventory/" + sku + "/reservations/ord_exp/commit", "");
        assertThat(commitAfterExpiry.status()).isEqualTo(409);
        assertThat(commitAfterExpiry.errorCode()).isEqualTo("RESERVATION_NOT_ACTIVE");
    }

    @Test
    void treatsRepeatsAsNoOpsAndRefusesConflicts() {
        var sku = stockedSku(http, "IDEM", 10);
        var first = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_i", 3));
        var repeat = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_i", 3));
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json().at("/stock/version").asLong()).isEqualTo(first.json().at("/stock/version").asLong());
        assertThat(repeat.json().at("/stock/reserved").asInt()).isEqualTo(3);

        var conflict = http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_i", 4));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("RESERVATION_CONFLICT");

        var releaseUnknown = http.send("DELETE", "/api/v1/inventory/" + sku + "/reservations/ord_never", null,
                java.util.Map.of());
        assertThat(releaseUnknown.status()).isEqualTo(200);
        assertThat(releaseUnknown.json().get("reserved").asInt()).isEqualTo(3);
    }

    @Test
    void answersEveryInventoryMistakeWithADocumentedError() {
        var sku = stockedSku(http, "ERR", 5);
        var neverStocked = stockedSku(http, "NOSTOCK", 0);
        http.post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_e", 4));

        assertThat(http.get("/api/v1/inventory/NOT-A-SKU").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(http.get("/api/v1/inventory/" + neverStocked).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/inventory/NOT-SOLD/receipts", "{\"quantity\": 1}").errorCode())
                .isEqualTo("NOT_FOUND");

        var outOfStock = http.post("/api/v1/inventory/" + neverStocked + "/reservations", reservation("ord_x", 1));
        assertThat(outOfStock.status()).isEqualTo(422);
        assertThat(outOfStock.json().at("/error/details/available").asInt()).isZero();

        var belowReserved = http.post("/api/v1/inventory/" + sku + "/adjustments",
                "{\"quantity_change\": -2, \"reason\": \"LOST\"}");
        assertThat(belowReserved.status()).isEqualTo(422);
        assertThat(belowReserved.errorCode()).isEqualTo("STOCK_BELOW_RESERVED");

        assertThat(http.post("/api/v1/inventory/" + sku + "/reservations/ord_none/commit", "").errorCode())
                .isEqualTo("RESERVATION_NOT_ACTIVE");
        assertThat(http.post("/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": 0}").errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/inventory/" + sku + "/adjustments", "{\"quantity_change\": 1}").errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/inventory/" + sku + "/adjustments",
                "{\"quantity_change\": 1, \"reason\": \"STOLEN_BY_ALIENS\"}").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/inventory/" + sku + "/reservations",
                "{\"order_id\": \"bad id!\", \"quantity\": 1}").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/inventory/" + sku + "/reservations",
                "{\"order_id\": \"ord_q\", \"quantity\": 1.5}").errorCode()).isEqualTo("VALIDATION_ERROR");

        var level = http.get("/api/v1/inventory/" + sku).json();
        assertThat(level.get("on_hand").asInt()).isEqualTo(5);
        assertThat(level.get("reserved").asInt()).isEqualTo(4);
    }
}
