package com.postr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.bench.Http.Stats;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.postr.bench.Http.get;
import static com.postr.bench.Http.post;
import static com.postr.bench.Http.send;
import static com.postr.bench.Http.timed;

/**
 * The order list with a million orders, as a client sees it: the packaged app starts on an embedded PostgreSQL,
 * one order is placed through the API (so the rows carry real line, price and address JSON), and a million
 * copies of it are written straight into the order-history read model (not through the saga: the list is what
 * is measured). Then each kind of page is requested beside the app's liveness endpoint, and the plans PostgreSQL
 * chose for them are printed.
 * <p>
 * Usage (after {@code ./mvnw -DskipTests package}):
 * {@code ./mvnw -q -pl bench exec:java -Dexec.args="orders [ORDERS] [REQUESTS]"}
 */
public final class OrderHistoryBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 10_000;
    private static final int LIMIT = 20;
    private static final int DEEP_PAGE = 5_000;

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        var jar = PackagedApp.jar();
        var work = Files.createTempDirectory("postr-orders-bench-");
        int dbPort = PackagedApp.freePort();
        var app = PackagedApp.start(jar, work.resolve("postgres"), true, work.resolve("app.log"),
                "--postr.embedded-postgres.port=" + dbPort);
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr", "postgres",
                "postgres")) {
            load(app, db, orders);
            var results = new LinkedHashMap<String, Stats>();
            var base = app.base() + "/api/v1/orders?limit=" + LIMIT;
            // warm-up, not measured: the JIT, the connection pool and the caches settle first
            timed(requests, i -> get(app.base() + "/actuator/health/liveness"));
            timed(requests / 5, i -> get(base + "&page=" + (1 + i * 37)));
            results.put("trivial endpoint (liveness)", timed(requests, i -> get(app.base() + "/actuator/health/liveness")));
            results.put("first page, newest first", timed(requests, i -> get(base)));
            results.put("offset page " + DEEP_PAGE + ", newest first", timed(requests / 5,
                    i -> get(base + "&page=" + DEEP_PAGE)));
            var deepCursor = nextCursor(get(base + "&page=" + (DEEP_PAGE - 1)));
            results.put("cursor page at the same depth", timed(requests, i -> get(base + "&cursor=" + deepCursor)));
            var byTotal = base + "&sort=total&order=asc";
            var totalCursor = nextCursor(get(byTotal + "&page=" + (DEEP_PAGE - 1)));
            results.put("cursor page at the same depth, by total", timed(requests,
                    i -> get(byTotal + "&cursor=" + totalCursor)));
            var shipped = base + "&status=shipped&sort=created_at&order=desc";
            var shippedCursor = nextCursor(get(shipped + "&page=" + (DEEP_PAGE / 6)));
            results.put("cursor page, status=shipped, depth " + DEEP_PAGE / 6 * LIMIT, timed(requests,
                    i -> get(shipped + "&cursor=" + shippedCursor)));
            var customer = base + "&customer_id=usr_bench_42&sort=status&order=desc";
            var customerCursor = nextCursor(get(customer + "&page=2"));
            results.put("cursor page, one customer (100 orders), by status", timed(requests,
                    i -> get(customer + "&cursor=" + customerCursor)));
            report(orders, requests, results);
            explain(db);
        } finally {
            app.stop();
        }
    }

    private static String nextCursor(String page) throws IOException {
        var cursor = JSON.readTree(page).at("/pagination/next_cursor").asText();
        if (cursor.isEmpty()) {
            throw new IllegalStateException("no next_cursor in " + page);
        }
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** A million copies of one real order, spread over customers, statuses, totals and 347 days. */
    private static void load(PackagedApp.App app, Connection db, int orders) throws Exception {
        var sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        post(app.base() + "/api/v1/products", """
                {"title": "Bench", "artist": "Hokusai", "category": "bench", "variants": [{"sku": "%s", "size": "A3",
                 "framed": false, "paper": "MATTE", "price": {"amount": 29.99, "currency": "EUR"}}]}""".formatted(sku));
        post(app.base() + "/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": 10}");
        var placed = JSON.readTree(send(HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"items": [{"sku": "%s", "quantity": 1}],
                         "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln",
                                              "zip": "51147", "country": "DE"},
                         "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku))), 201));
        long start = System.nanoTime();
        try (var insert = db.prepareStatement("""
                INSERT INTO order_history (order_id, customer_id, status, total, currency, items_count, lines, prices,
                    shipping_address, payment_method_type, refund_status, refunded, timeline, version, created_at,
                    updated_at)
                SELECT 'ord_bench_' || lpad(g::text, 8, '0'), 'usr_bench_' || (g % ?),
                       (ARRAY['PENDING','CONFIRMED','PROCESSING','SHIPPED','DELIVERED','CANCELLED'])[1 + g % 6],
                       round(10 + (g::bigint * 7919 % 50000) / 100.0, 2), o.currency, o.items_count, o.lines, o.prices,
                       o.shipping_address, o.payment_method_type, 'NONE', 0, o.timeline, 1,
                       timestamptz '2026-01-01' + g * interval '30 seconds',
                       timestamptz '2026-01-01' + g * interval '30 seconds'
                FROM generate_series(1, ?) g, order_history o WHERE o.order_id = ?""")) {
            insert.setInt(1, CUSTOMERS);
            insert.setInt(2, orders);
            insert.setString(3, placed.get("order_id").asText());
            insert.executeUpdate();
        }
        try (var statement = db.createStatement()) {
            // the read model's daily counts, as the projection keeps them (V2026.12.01.5)
            statement.execute("""
                    INSERT INTO order_history_daily_count (status, day, shard, orders)
                    SELECT status, (created_at AT TIME ZONE 'UTC')::date, ascii(right(order_id, 1)) % 8, count(*)
                    FROM order_history WHERE order_id LIKE 'ord_bench_%' GROUP BY 1, 2, 3
                    ON CONFLICT (status, day, shard)
                    DO UPDATE SET orders = order_history_daily_count.orders + excluded.orders""");
            statement.execute("VACUUM (ANALYZE, FREEZE) order_history");
            statement.execute("VACUUM ANALYZE order_history_daily_count");
        }
        System.out.printf(Locale.ROOT, "loaded %,d orders into order_history in %.1f s%n", orders,
                (System.nanoTime() - start) / 1e9);
    }

    private static void report(int orders, int requests, Map<String, Stats> results) {
        System.out.printf(Locale.ROOT, "%n%,d orders, %d requests per page kind (offset page %d: %d), one client%n",
                orders, requests, DEEP_PAGE, requests / 5);
        System.out.println("| page | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        results.forEach((name, stats) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n",
                name, stats.percentile(50), stats.percentile(95), stats.percentile(99), stats.percentile(100)));
    }

    /** The statements the app sends for these pages, as PostgreSQL plans and runs them. */
    private static void explain(Connection db) throws Exception {
        var statements = new LinkedHashMap<String, String>();
        statements.put("cursor page, newest first", """
                SELECT order_id, customer_id, status, created_at, total, currency, items_count
                FROM order_history WHERE true AND (created_at, order_id) < ('2026-11-18T00:00:00Z', 'ord_bench_00900000')
                ORDER BY created_at DESC, order_id DESC LIMIT 21""");
        statements.put("cursor page, by total", """
                SELECT order_id, customer_id, status, created_at, total, currency, items_count
                FROM order_history WHERE true AND (total, order_id) > (60.00, 'ord_bench_00500000')
                ORDER BY total ASC, order_id ASC LIMIT 21""");
        statements.put("cursor page, one customer, by status", """
                SELECT order_id, customer_id, status, created_at, total, currency, items_count
                FROM order_history WHERE true AND customer_id = 'usr_bench_42'
                  AND (status, created_at, order_id) < ('DELIVERED', '2026-06-01T00:00:00Z', 'ord_bench_00500000')
                ORDER BY status DESC, created_at DESC, order_id DESC LIMIT 21""");
        statements.put("offset page 5,000, newest first", """
                SELECT order_id, customer_id, status, created_at, total, currency, items_count
                FROM order_history WHERE true ORDER BY created_at DESC, order_id DESC OFFSET 99980 LIMIT 21""");
        statements.put("offset pages' total (everyone's orders)",
                "SELECT coalesce(sum(orders), 0) FROM order_history_daily_count WHERE true");
        for (var statement : statements.entrySet()) {
            System.out.println("\n" + statement.getKey() + ":");
            try (var explain = db.createStatement();
                 var plan = explain.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement.getValue())) {
                while (plan.next()) {
                    System.out.println("    " + plan.getString(1));
                }
            }
        }
    }
}
