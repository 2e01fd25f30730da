package com.postr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static com.postr.bench.Http.get;
import static com.postr.bench.Http.post;
import static com.postr.bench.Http.send;

/**
 * Rebuilding the analytics read model from a million events, as an operator does it: through
 * {@code POST /api/v1/admin/processors/analytics/reset}, timed by polling {@code GET /api/v1/admin/processors}.
 * <p>
 * One checkout goes through the API (cart, order, payment: real events, serialized by the app), then it is cloned
 * in SQL, with new ids and earlier timestamps, until the store holds the asked number of events. While the clones
 * are written, every event processor is stopped through the same API; then their tokens are moved past the
 * clones and the app restarts on the same data ({@code order-status-updates}, whose position lives in memory,
 * starts at the head). So only the analytics rebuild works through them.
 * <p>
 * The baseline, in the same run and on the same events: a plain JDBC scan of the event store with Jackson parsing
 * each payload and batched inserts of one row per event, which is the least a rebuild does.
 * <p>
 * With {@code rebuild} instead, the same events are rebuilt into the order history blue/green, as an operator does
 * it: {@code POST /api/v1/admin/projections/order-history/rebuilds}, timed by polling its {@code GET} until the new
 * version has taken over.
 * <p>
 * Usage (after {@code ./mvnw -DskipTests package}):
 * {@code ./mvnw -q -pl bench exec:java -Dexec.args="analytics [EVENTS]"} or {@code "rebuild [EVENTS]"}
 */
public final class AnalyticsRebuildBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        run("analytics", args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000);
    }

    /** {@code projection}: {@code analytics} (reset and replay) or {@code order-history} (blue/green rebuild). */
    static void run(String projection, int events) throws Exception {
        var jar = PackagedApp.jar();
        var work = Files.createTempDirectory("postr-analytics-bench-");
        int dbPort = PackagedApp.freePort();
        var app = PackagedApp.start(jar, work.resolve("postgres"), true, work.resolve("app.log"),
                "--postr.embedded-postgres.port=" + dbPort);
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr", "postgres",
                "postgres")) {
            var base = app.base();
            var template = checkout(base, db);
            awaitQuiet(base, List.of());
            for (var processor : JSON.readTree(get(base + "/api/v1/admin/processors")).get("processors")) {
                if (!processor.get("kind").asText().equals("subscribing")) {
                    post(base + "/api/v1/admin/processors/" + processor.get("name").asText() + "/stop", "");
                }
            }
            clone(db, template, events);
            skipAllTo(db, head(db));
        }
        // a restart on the same data: order-status-updates, whose position is only in memory, starts at the head
        app.stop();
        app = PackagedApp.start(jar, work.resolve("postgres"), true, work.resolve("app-2.log"),
                "--postr.embedded-postgres.port=" + dbPort);
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr", "postgres",
                "postgres")) {
            var base = app.base();
            long stored = head(db);
            awaitQuiet(base, List.of());

            if (projection.equals("order-history")) {
                rebuildOrderHistory(base, db, stored);
                return;
            }
            long started = System.nanoTime();
            post(base + "/api/v1/admin/processors/analytics/reset", "");
            JsonNode last;
            double peakRate = 0;
            while (true) {
                Thread.sleep(1000);
                last = JSON.readTree(get(base + "/api/v1/admin/processors/analytics"));
                var replay = last.get("replay");
                if (replay != null && !replay.isNull() && replay.get("events_per_second").isNumber()) {
                    peakRate = Math.max(peakRate, replay.get("events_per_second").asDouble());
                    System.out.printf(Locale.ROOT, "  %5.1f %%  %,9.0f events/s  eta %s s%n",
                            replay.get("progress_percent").asDouble(), replay.get("events_per_second").asDouble(),
                            replay.get("eta_seconds").asText());
                }
                if (last.get("status").asText().equals("running") && last.get("lag_events").asLong() == 0) {
                    break;
                }
                if (last.get("status").asText().equals("error")) {
                    throw new IllegalStateException("The analytics processor failed: " + last);
                }
            }
            double rebuildSeconds = (System.nanoTime() - started) / 1e9;
            var today = java.time.LocalDate.now();
            var sales = JSON.readTree(get(base + "/api/v1/analytics/sales?granularity=month&from="
                    + today.minusYears(4) + "&to=" + today.plusDays(1)));
            double baselineSeconds = baseline(db);
            report(stored, rebuildSeconds, peakRate, baselineSeconds, sales.at("/totals/orders_confirmed").asLong());
        } finally {
            app.stop();
        }
    }

    /**
     * The order history rebuilt beside the serving one, through the admin API, until it has taken over: twice, on
     * the app as it starts (its code not yet compiled by the JIT) and then again on the same, warmed-up app.
     */
    private static void rebuildOrderHistory(String base, Connection db, long stored) throws Exception {
        var rows = new ArrayList<String>();
        for (var run : List.of("cold JVM, just started", "warm JVM, second rebuild")) {
            long started = System.nanoTime();
            var rebuild = JSON.readTree(post(base + "/api/v1/admin/projections/order-history/rebuilds", ""));
            var id = rebuild.get("id").asText();
            while (List.of("RUNNING", "SWITCHING").contains(rebuild.get("status").asText())) {
                Thread.sleep(1000);
                rebuild = JSON.readTree(get(base + "/api/v1/admin/projections/order-history/rebuilds/" + id));
                System.out.printf(Locale.ROOT, "  %5.1f %%  %,9.0f events/s  eta %s s  %s%n",
                        rebuild.get("progress_percent").asDouble(), rebuild.get("events_per_second").asDouble(),
                        rebuild.get("eta_seconds").asText(), rebuild.get("status").asText());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!rebuild.get("status").asText().equals("COMPLETED")) {
                throw new IllegalStateException("The rebuild did not complete: " + rebuild);
            }
            rows.add(String.format(Locale.ROOT, "| order-history blue/green rebuild, %s (start → switched, via the "
                    + "admin API) | %.1f | %,.0f |", run, seconds, stored / seconds));
        }
        long orders = JSON.readTree(get(base + "/api/v1/orders?limit=1")).at("/pagination/total_items").asLong();
        double baselineSeconds = baseline(db);
        System.out.printf(Locale.ROOT, "%n%,d events in the store; the rebuilt order history lists %,d orders%n",
                stored, orders);
        System.out.println("| run | seconds | events/s |");
        System.out.println("|---|---:|---:|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "| baseline: JDBC scan + Jackson parse + batched inserts | %.1f | %,.0f |%n",
                baselineSeconds, stored / baselineSeconds);
    }

    private record Template(String cartId, String orderId, String paymentId) {
    }

    /** One real checkout through the API; answers the ids whose streams are cloned. */
    private static Template checkout(String base, Connection db) throws Exception {
        var sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        post(base + "/api/v1/products", """
                {"title": "Bench", "artist": "Hokusai", "category": "bench", "variants": [{"sku": "%s", "size": "A3",
                 "framed": false, "paper": "MATTE", "price": {"amount": 29.99, "currency": "EUR"}}]}""".formatted(sku));
        post(base + "/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": 10}");
        var cart = JSON.readTree(post(base + "/api/v1/carts", "")).get("cart_id").asText();
        post(base + "/api/v1/carts/" + cart + "/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}");
        var order = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/carts/" + cart
                        + "/checkout")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln",
                                              "zip": "51147", "country": "DE"},
                         "payment_method": {"type": "card", "token": "pm_card_visa"}}""")), 201))
                .get("order_id").asText();
        for (int i = 0; i < 100; i++) {
            try (var statement = db.prepareStatement("SELECT aggregate_identifier FROM domain_event_entry "
                    + "WHERE type = 'Payment' AND convert_from(payload, 'UTF8') LIKE ? LIMIT 1")) {
                statement.setString(1, "%" + order + "%");
                try (var rows = statement.executeQuery()) {
                    if (rows.next()) {
                        return new Template(cart, order, rows.getString(1));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No payment stream for " + order);
    }

    /** Copies the checkout's three streams until the store holds {@code events}; answers how many it holds. */
    private static long clone(Connection db, Template template, int events) throws Exception {
        long started = System.nanoTime();
        int perCopy;
        try (var statement = db.prepareStatement("SELECT count(*) FROM domain_event_entry "
                + "WHERE aggregate_identifier IN (?, ?, ?)")) {
            statement.setString(1, template.cartId());
            statement.setString(2, template.orderId());
            statement.setString(3, template.paymentId());
            try (var rows = statement.executeQuery()) {
                rows.next();
                perCopy = rows.getInt(1);
            }
        }
        int copies = Math.max(1, (int) ((events - head(db)) / perCopy));
        String swap = "replace(replace(replace(%s, ?, ? || k), ?, ? || k), ?, ? || k)";
        var sql = """
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT %s, t.sequence_number, t.type, t.event_identifier || '-' || k,
                       convert_to(%s, 'UTF8'), convert_to(%s, 'UTF8'), t.payload_revision, t.payload_type,
                       to_char((t.time_stamp::timestamptz - make_interval(secs => k * 29)) AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM (SELECT * FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?)) t,
                     generate_series(?, ?) AS k
                ORDER BY k, t.global_index""".formatted(swap.formatted("t.aggregate_identifier"),
                swap.formatted("convert_from(t.meta_data, 'UTF8')"), swap.formatted("convert_from(t.payload, 'UTF8')"));
        int chunk = 5_000;
        for (int from = 1; from <= copies; from += chunk) {
            try (var insert = db.prepareStatement(sql)) {
                int p = 1;
                for (int i = 0; i < 3; i++) {
                    for (var id : List.of(template.cartId(), template.orderId(), template.paymentId())) {
                        insert.setString(p++, id);
                        insert.setString(p++, id + "_");
                    }
                }
                insert.setString(p++, template.cartId());
                insert.setString(p++, template.orderId());
                insert.setString(p++, template.paymentId());
                insert.setInt(p++, from);
                insert.setInt(p, Math.min(copies, from + chunk - 1));
                insert.executeUpdate();
            }
        }
        long stored = head(db);
        System.out.printf(Locale.ROOT, "cloned one checkout (%d events) %,d times: %,d events stored, in %.1f s%n",
                perCopy, copies, stored, (System.nanoTime() - started) / 1e9);
        return stored;
    }

    private static long head(Connection db) throws Exception {
        try (var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The stopped processors pass over the clones, as if they had handled them long ago. */
    private static void skipAllTo(Connection db, long head) throws Exception {
        try (var update = db.prepareStatement("UPDATE token_entry SET token = convert_to(?, 'UTF8'), "
                + "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL")) {
            update.setString(1, "{\"index\": " + head + ", \"gaps\": []}");
            update.executeUpdate();
        }
    }

    /** Until every streaming processor, but those named, has no lag left. */
    private static void awaitQuiet(String base, List<String> except) throws Exception {
        for (int i = 0; i < 3_600; i++) {
            boolean quiet = true;
            JsonNode processors;
            try {
                processors = JSON.readTree(get(base + "/api/v1/admin/processors")).get("processors");
            } catch (java.net.http.HttpTimeoutException busy) {
                continue; // the app is busy reading the clones; ask again
            }
            for (var processor : processors) {
                if (!except.contains(processor.get("name").asText()) && processor.get("lag_events").isNumber()
                        && processor.get("lag_events").asLong() > 0) {
                    quiet = false;
                }
            }
            if (quiet) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The processors did not catch up");
    }

    /** Read every event in order, parse its payload, write one row per event in batches: a rebuild's floor. */
    private static double baseline(Connection db) throws Exception {
        long started = System.nanoTime();
        db.setAutoCommit(false);
        try (var setup = db.createStatement()) {
            setup.execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_baseline (global_index BIGINT PRIMARY KEY, "
                    + "type TEXT, fields INT)");
            setup.execute("TRUNCATE bench_baseline");
        }
        long rows = 0;
        try (var scan = db.prepareStatement("SELECT global_index, payload_type, payload FROM domain_event_entry "
                + "ORDER BY global_index");
             var insert = db.prepareStatement("INSERT INTO bench_baseline VALUES (?, ?, ?)")) {
            scan.setFetchSize(5_000);
            try (var events = scan.executeQuery()) {
                while (events.next()) {
                    var payload = JSON.readTree(events.getBytes(3));
                    insert.setLong(1, events.getLong(1));
                    insert.setString(2, events.getString(2));
                    insert.setInt(3, payload.size());
                    insert.addBatch();
                    if (++rows % 1_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        return (System.nanoTime() - started) / 1e9;
    }

    private static void report(long events, double rebuild, double peak, double baseline, long confirmed) {
        System.out.printf(Locale.ROOT, "%n%,d events in the store; the rebuilt model counts %,d confirmed orders%n",
                events, confirmed);
        System.out.println("| run | seconds | events/s |");
        System.out.println("|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| analytics rebuild (reset → caught up, via the admin API) | %.1f | %,.0f |%n",
                rebuild, events / rebuild);
        System.out.printf(Locale.ROOT, "| baseline: JDBC scan + Jackson parse + batched inserts | %.1f | %,.0f |%n",
                baseline, events / baseline);
        System.out.printf(Locale.ROOT, "peak rate the processor API reported: %,.0f events/s%n", peak);
    }
}
