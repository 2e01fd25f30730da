package com.postr.app.operations;

import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Reconciliation;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blue/green rebuild of the order history, watched from outside: readers never see an empty or partial model
 * while it runs and switches (orders are found, counts never drop), orders placed meanwhile are all there after,
 * and the rebuilt model agrees with the event store. The test profile's chunk of 5 events makes the rebuild run
 * long enough to be read through.
 */
@PostrIntegrationTest
class ProjectionRebuildTest {

    private static final String REBUILDS = "/api/v1/admin/projections/order-history/rebuilds";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOrderHistoryIsRebuiltBesideTheServingOneWhileItIsReadAndWrittenAndThenTakesOver() throws Exception {
        var admin = Users.admin(port);
        var sku = Inventory.stockedSku(admin, "REBUILD", 1_000);
        var known = place(admin, sku);
        var settled = new ArrayList<>(List.of(known));
        for (int i = 0; i < 20; i++) {
            settled.add(place(admin, sku)); // a history worth rebuilding, even on a fresh database
        }
        for (var order : settled) {
            Eventually.assertThat(() -> admin.get("/api/v1/orders/" + order).json().get("status").asText(),
                    status -> status.equals("CONFIRMED"));
        }
        var rowsBefore = rows(settled);
        var answersBefore = settled.stream().map(order -> admin.get("/api/v1/orders/" + order).json()).toList();
        long before = total(admin);

        var stop = new AtomicBoolean();
        var anomalies = Collections.synchronizedList(new ArrayList<String>());
        var reads = new AtomicInteger();
        var placed = Collections.synchronizedList(new ArrayList<String>());
        var reader = new Thread(() -> {
            long seen = before;
            while (!stop.get()) {
                var order = admin.get("/api/v1/orders/" + known);
                if (order.status() != 200 || !order.json().get("status").asText().equals("CONFIRMED")) {
                    anomalies.add("GET order -> " + order.status() + " " + order.body());
                }
                long now = total(admin);
                if (now < seen) {
                    anomalies.add("the order count fell from " + seen + " to " + now);
                }
                seen = Math.max(seen, now);
                reads.incrementAndGet();
            }
        });
        var writer = new Thread(() -> {
            while (!stop.get()) {
                placed.add(place(admin, sku));
            }
        });
        reader.start();
        writer.start();
        try {
            var started = admin.post(REBUILDS, "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            var id = started.json().get("id").asText();
            int readsBefore = reads.get();
            assertThat(started.header("Location")).endsWith(REBUILDS + "/" + id);
            assertThat(admin.post(REBUILDS, "").status()).isEqualTo(409); // one at a time

            var done = Eventually.assertThat(() -> admin.get(REBUILDS + "/" + id).json(),
                    rebuild -> !List.of("RUNNING", "SWITCHING").contains(rebuild.get("status").asText()),
                    Duration.ofSeconds(120));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.get("events_applied").asLong()).isPositive();
            assertThat(done.get("events_per_second").asDouble()).isPositive();
            assertThat(done.get("progress_percent").asDouble()).isEqualTo(100.0);
            assertThat(done.get("skipped").asLong()).isZero();
            assertThat(reads.get() - readsBefore).as("reads while it ran").isGreaterThan(3);
            Thread.sleep(500); // writes and reads go on against the new version
        } finally {
            stop.set(true);
            reader.join();
            writer.join();
        }

        assertThat(anomalies).isEmpty();
        // rebuilt rows are written in bulk, not by the projection's JPA entities: they must read the same
        assertThat(rows(settled)).isEqualTo(rowsBefore);
        assertThat(settled.stream().map(order -> admin.get("/api/v1/orders/" + order).json()).toList())
                .isEqualTo(answersBefore);
        assertThat(reads.get()).isGreaterThan(5);
        assertThat(placed).isNotEmpty();
        for (var order : placed) {
            Eventually.assertThat(() -> admin.get("/api/v1/orders/" + order).status(), status -> status == 200);
        }
        // the new version agrees with the events, under the index names the migrations gave
        Eventually.assertThat(() -> Reconciliation.differences(admin, "order-history"), differences -> differences == 0);
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename = 'order_history'", String.class)).contains("order_history_customer_created",
                "order_history_status", "order_history_total");
        assertThat(admin.get("/api/v1/admin/processors/order-history").json().get("status").asText())
                .isEqualTo("running");
    }

    @Test
    void aCancelledRebuildLeavesTheServingVersionAloneAndDropsWhatItBuilt() {
        var admin = Users.admin(port);
        var order = place(admin, Inventory.stockedSku(admin, "CANCELREB", 10));

        var started = admin.post(REBUILDS, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        var id = started.json().get("id").asText();
        var cancelled = admin.delete(REBUILDS + "/" + id);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(admin.delete(REBUILDS + "/" + id).status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                "rebuild_" + id)).isZero();
        assertThat(admin.get("/api/v1/orders/" + order).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/projections/catalog/rebuilds", "").status()).isEqualTo(404);
        assertThat(admin.get(REBUILDS + "/nope").status()).isEqualTo(404);
    }

    /** The orders' rows in both order history tables, every column, as PostgreSQL reads them. */
    private List<String> rows(List<String> orders) {
        var rows = new ArrayList<String>();
        for (var order : orders) {
            rows.add(jdbc.queryForObject("SELECT row_to_json(o)::text FROM order_history o WHERE order_id = ?",
                    String.class, order));
            rows.add(jdbc.queryForObject("SELECT row_to_json(p)::text FROM order_history_payment p"
                    + " WHERE order_id = ?", String.class, order));
        }
        return rows;
    }

    private static String place(HttpClient admin, String sku) {
        var placed = admin.post("/api/v1/orders", Shopping.orderOf(sku, 1));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("order_id").asText();
    }

    private static long total(HttpClient admin) {
        var page = admin.get("/api/v1/orders?limit=1&page=1");
        return page.status() == 200 ? page.json().at("/pagination/total_items").asLong() : -1;
    }
}
