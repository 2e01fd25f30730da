package com.postr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static com.postr.bench.Http.post;

/**
 * Checkout under load, measured from outside: {@code POST /api/v1/orders} with one line and {@code pm_card_visa},
 * whose answer already carries the checkout's outcome, against the packaged jar on its embedded PostgreSQL.
 * Closed loop (1, 16, 64 clients, each sending its next order when the last is answered) and open loop (50, 100,
 * 167, 250 orders/s sent on schedule whatever the answers; latency counts from the scheduled moment, so a stalled
 * server is not hidden by clients that wait for it). Beside each: PostgreSQL commits, events, and CPU per order,
 * and, in the same run, the raw commit rate of the same PostgreSQL.
 * <p>
 * {@code ./mvnw -q -pl bench exec:java -Dexec.args="checkout [SECONDS] [SCENARIOS]"}, where SCENARIOS picks some of
 * {@code c1,c16,c64,r50,r100,r167,r250} (closed loop with N clients, open loop at N orders/s) and
 * {@code appends} (events appended through commands beside plain JDBC inserts of the same rows); all by default.
 */
final class CheckoutBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SKUS = 50;
    /** A fixed pause between polls of a PENDING order, ignoring Retry-After; 0 follows the server's hint. */
    private static final long FIXED_POLL_MS = Long.getLong("postr.bench.poll-ms", 0);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private CheckoutBench() {
    }

    /** What the server did over one scenario, read from PostgreSQL and the processes. */
    private record Snapshot(long commits, long head, long appCpuNanos, long databaseCpuNanos, long benchCpuNanos) {
    }

    private record Result(String scenario, Instant started, double seconds, Counts counts, Histogram post,
                          Histogram confirmedAfter, Snapshot before, Snapshot after) {
        /** Its time window in UTC, to pick its samples out of a recording of the whole run (bench "profile"). */
        String window() {
            return "  (" + scenario + ": " + ProfileSummary.clock(started) + " to "
                    + ProfileSummary.clock(started.plusMillis((long) (seconds * 1000))) + " UTC)";
        }
    }

    /** Counters of a scenario's orders, by how each ended. */
    private record Counts(AtomicLong confirmed, AtomicLong other, AtomicLong failed, AtomicLong refused) {
        Counts() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    static void run(int seconds, List<String> scenarios) throws Exception {
        var jar = PackagedApp.jar();
        var work = Files.createTempDirectory("postr-checkout-bench-");
        int dbPort = PackagedApp.freePort();
        var app = PackagedApp.start(jar, work.resolve("postgres"), true, work.resolve("app.log"),
                "--postr.embedded-postgres.port=" + dbPort);
        var results = new ArrayList<Result>();
        var reads = new ArrayList<String>();
        double rawCommits;
        Idle idle;
        List<String> appends = List.of();
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr", "postgres",
                "postgres")) {
            var base = app.base();
            var skus = seed(base);
            System.out.println("warming up: 16 clients, " + seconds + " s");
            var database = work.resolve("postgres");
            closed(base, skus, 16, seconds, db, app, database, "warm-up");
            rawCommits = rawCommitRate(dbPort, 8, 5);
            idle = idleCpu(db, app, database, seconds);

            for (int clients : List.of(1, 16, 64)) {
                if (!scenarios.contains("c" + clients)) {
                    continue;
                }
                results.add(closed(base, skus, clients, seconds, db, app, database, clients + " clients (closed loop)"));
                System.out.println(row(results.get(results.size() - 1)));
                System.out.println(results.get(results.size() - 1).window());
            }
            // before the open loops: an overloaded rate leaves checkouts (payments, deadlines) running for minutes
            // after the processors have caught up, and reads measured beside them would measure that too
            drain(base);
            var order = JSON.readTree(send(authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders")))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(orderBody(skus.get(0))))
                    .timeout(Duration.ofSeconds(30)).build())).get("order_id").asText();
            // the read paths are compiled first, or the first rate's CPU per request is mostly the JIT's
            reads("warm-up", base + "/actuator/health/liveness", 500, 5, db, app, database);
            reads("warm-up", base + "/api/v1/orders/" + order, 500, 5, db, app, database);
            for (int rate : List.of(500, 2_000)) {
                reads.add(reads("GET /actuator/health/liveness (trivial endpoint)", base + "/actuator/health/liveness",
                        rate, Math.min(seconds, 10), db, app, database));
                reads.add(reads("GET /api/v1/orders/{id}", base + "/api/v1/orders/" + order, rate,
                        Math.min(seconds, 10), db, app, database));
            }
            reads.forEach(System.out::println);
            if (scenarios.contains("appends")) {
                appends = appends(base, skus, seconds, db, dbPort, app, database);
                appends.forEach(System.out::println);
            }
            for (int rate : List.of(50, 100, 167, 250)) {
                if (!scenarios.contains("r" + rate)) {
                    continue;
                }
                results.add(open(base, skus, rate, seconds, db, app, database));
                System.out.println(row(results.get(results.size() - 1)));
                System.out.println(results.get(results.size() - 1).window());
            }
        } finally {
            app.stop();
        }
        System.out.printf(Locale.ROOT, "%n%s, %d s per scenario, %d SKUs; raw commits of the same PostgreSQL"
                + " (8 connections, one 1 KB INSERT per transaction): %,.0f/s%n%n", java.time.LocalDate.now(), seconds,
                SKUS, rawCommits);
        System.out.printf(Locale.ROOT, "At rest (no requests for %d s, after the warm-up): the app used %.1f %% of one"
                + " core, PostgreSQL %.1f %%%n%n", seconds, idle.app() * 100, idle.database() * 100);
        System.out.println("| reads, open loop | requests/s offered | p50 ms | p95 | p99 | max | failed"
                + " | app CPU µs/request | load generator CPU µs/request |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        reads.forEach(System.out::println);
        System.out.println();
        if (!appends.isEmpty()) {
            System.out.println("| appends, 16 writers | events/s | p50 ms | p99 ms | app CPU µs/event"
                    + " | PostgreSQL CPU µs/event | failed |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            appends.forEach(System.out::println);
            System.out.println();
        }
        System.out.println("| scenario | orders/min confirmed | POST p50 ms | p95 | p99 | max | confirmed after p50 ms"
                + " | p99 | not confirmed | failed | refused (503) | commits/order | events/order | app CPU ms/order"
                + " | PostgreSQL CPU ms/order | load generator CPU ms/order |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        results.forEach(result -> System.out.println(row(result)));
    }

    /** Products with plenty of stock, so no order is refused for want of it. */
    private static List<String> seed(String base) throws Exception {
        var skus = new ArrayList<String>();
        var run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        for (int i = 0; i < SKUS; i++) {
            var sku = "CHK-" + run + "-" + i;
            post(base + "/api/v1/products", """
                    {"title": "Checkout %d", "artist": "Hokusai", "category": "bench", "variants": [{"sku": "%s",
                     "size": "A3", "framed": false, "paper": "MATTE", "price": {"amount": 29.99, "currency": "EUR"}}]}"""
                    .formatted(i, sku));
            post(base + "/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": 500000}"); // room for receipts
            skus.add(sku);
        }
        return skus;
    }

    /**
     * Waits until every processor has caught up with the event store, so a scenario does not inherit the queue the
     * one before it left (an overloaded run leaves minutes of checkout behind).
     */
    private static void drain(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            var processors = JSON.readTree(send(authorized(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/admin/processors"))).GET().timeout(Duration.ofSeconds(30)).build())).get("processors");
            boolean behind = false;
            for (var processor : processors) {
                behind |= processor.path("lag_events").asLong() > 0;
            }
            if (!behind) {
                return;
            }
            Thread.sleep(1_000);
        }
        System.out.println("(the processors had not caught up after 5 minutes; the next scenario starts anyway)");
    }

    private static Result closed(String base, List<String> skus, int clients, int seconds, Connection db,
                                 PackagedApp.App app, Path database, String name) throws Exception {
        drain(base);
        var post = histogram();
        var confirmedAfter = histogram();
        var counts = new Counts();
        var before = snapshot(db, app, database);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        var startedAt = Instant.now();
        inParallel(clients, client -> {
            while (System.nanoTime() < end) {
                order(base, skus, System.nanoTime(), post, confirmedAfter, counts);
            }
        });
        double took = (System.nanoTime() - started) / 1e9;
        return new Result(name, startedAt, took, counts, post, confirmedAfter, before, snapshot(db, app, database));
    }

    /** Connections of the open loop: more than the requests the server has in hand at the highest rate. */
    private static final int OPEN_LOOP_CONNECTIONS = 256;

    /**
     * Orders sent on schedule at {@code rate} per second, whatever the answers, each followed until it settles.
     * Every step (a POST at its scheduled moment, a poll once the last answer's Retry-After has passed) waits in one
     * queue until due, and {@value #OPEN_LOOP_CONNECTIONS} workers, each with its own kept-alive connection, take
     * them. A step waiting for a free connection counts that wait in its latency, which counts from the scheduled
     * moment, so a server that stalls cannot hide behind a client that waits for it.
     */
    private static Result open(String base, List<String> skus, int rate, int seconds, Connection db,
                               PackagedApp.App app, Path database) throws Exception {
        drain(base);
        var post = histogram();
        var confirmedAfter = histogram();
        var counts = new Counts();
        var before = snapshot(db, app, database);
        var due = new DelayQueue<Step>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        var unsettled = new AtomicLong(total);
        long started = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        var startedAt = Instant.now().plusMillis(100);
        for (long i = 0; i < total; i++) {
            long scheduled = started + i * interval;
            due.add(new Step(scheduled, scheduled, null, 0));
        }
        var workers = new ArrayList<Thread>();
        var url = URI.create(base);
        for (int w = 0; w < OPEN_LOOP_CONNECTIONS; w++) {
            var worker = new Thread(() -> {
                try (var connection = new KeepAliveHttp(url, Http.token)) {
                    while (unsettled.get() > 0) {
                        var step = due.poll(100, TimeUnit.MILLISECONDS);
                        if (step != null && !step(connection, step, skus, due, post, confirmedAfter, counts)) {
                            unsettled.decrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "open-loop-" + w);
            worker.start();
            workers.add(worker);
        }
        long giveUp = started + TimeUnit.SECONDS.toNanos(seconds) + TimeUnit.MINUTES.toNanos(6);
        for (var worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime())));
        }
        unsettled.set(0); // a worker stuck past its order's five minutes: stop waiting for it
        workers.forEach(Thread::interrupt);
        double took = (System.nanoTime() - started) / 1e9;
        FAILURES.forEach((why, count) -> System.out.println("  failed " + count + "x: " + why));
        FAILURES.clear();
        return new Result(rate + " orders/s offered (open loop)", startedAt, took, counts, post, confirmedAfter,
                before, snapshot(db, app, database));
    }

    /** An order's next request: its POST ({@code orderId} null) or a poll, due at {@code due}. */
    private record Step(long due, long since, String orderId, long deadline) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(due, ((Step) other).due);
        }
    }

    /**
     * Runs one step of an order; true if the order is still unsettled (its poll is queued), false once it is
     * counted as confirmed, otherwise settled or unconfirmed five minutes after its scheduled moment, or failed.
     */
    private static boolean step(KeepAliveHttp connection, Step step, List<String> skus, DelayQueue<Step> due,
                                Histogram post, Histogram confirmedAfter, Counts counts) {
        try {
            KeepAliveHttp.Answer answer;
            String id = step.orderId();
            long deadline = step.deadline();
            if (id == null) {
                var body = orderBody(skus.get(ThreadLocalRandom.current().nextInt(skus.size())));
                // the key makes a resend on a fresh connection safe: the server answers it with the same order
                answer = connection.exchange("POST", "/api/v1/orders", Map.of("Content-Type", "application/json",
                        "Idempotency-Key", UUID.randomUUID().toString()), body, true);
                if (answer.status() == 503 && answer.headers().containsKey("retry-after")) {
                    counts.refused().incrementAndGet(); // turned away at once (back-pressure): an arrival lost
                    return false;
                }
                post.recordValue(Math.max(1, (System.nanoTime() - step.since()) / 1000));
                if (answer.status() / 100 != 2) {
                    failed("POST answered " + answer.status() + ": " + answer.body());
                    counts.failed().incrementAndGet();
                    return false;
                }
                // followed until it settles: behind a backlog every order settles late, and a cut-off would count
                // a slow checkout as none (the latency histogram shows how late)
                deadline = step.since() + TimeUnit.MINUTES.toNanos(5);
            } else {
                answer = connection.exchange("GET", "/api/v1/orders/" + id, Map.of(), null, true);
            }
            var order = JSON.readTree(answer.body());
            var status = order.path("status").asText();
            if (status.equals("CONFIRMED")) {
                confirmedAfter.recordValue(Math.max(1, (System.nanoTime() - step.since()) / 1000));
                counts.confirmed().incrementAndGet();
                return false;
            }
            if (status.equals("CANCELLED") || System.nanoTime() > deadline) {
                counts.other().incrementAndGet();
                return false;
            }
            // a poll answered with an error (the order not yet readable, the service briefly away) is polled again
            long pause = pollPause(Optional.ofNullable(answer.headers().get("retry-after")));
            due.add(new Step(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause), step.since(),
                    id == null ? order.get("order_id").asText() : id, deadline));
            return true;
        } catch (Exception e) {
            failed(e.toString());
            counts.failed().incrementAndGet();
            return false;
        }
    }

    /** Failures of the open loop, by what they said, printed after each rate: a failure is reported, not hidden. */
    private static final Map<String, AtomicLong> FAILURES = new java.util.concurrent.ConcurrentHashMap<>();

    private static void failed(String why) {
        var key = why.length() > 160 ? why.substring(0, 160) : why;
        FAILURES.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * One order; its latency counts from {@code since}. An answer that is not yet CONFIRMED is followed with GETs
     * until it is (or 30 s pass), for the time to the outcome. A client turned away waits as long as it is asked.
     */
    private static void order(String base, List<String> skus, long since, Histogram post, Histogram confirmedAfter,
                              Counts counts) {
        var body = orderBody(skus.get(ThreadLocalRandom.current().nextInt(skus.size())));
        try {
            var response = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders")))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var retryAfter = response.headers().firstValue("Retry-After");
            if (response.statusCode() == 503 && retryAfter.isPresent()) {
                counts.refused().incrementAndGet();
                Thread.sleep(pollPause(retryAfter));
                return;
            }
            post.recordValue(Math.max(1, (System.nanoTime() - since) / 1000));
            if (response.statusCode() / 100 != 2) {
                counts.failed().incrementAndGet();
                return;
            }
            var answer = JSON.readTree(response.body());
            var id = answer.get("order_id").asText();
            var status = answer.path("status").asText();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!status.equals("CONFIRMED") && !status.equals("CANCELLED") && System.nanoTime() < deadline) {
                Thread.sleep(pollPause(response.headers().firstValue("Retry-After"))); // as a browser polls
                response = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/" + id)))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                status = JSON.readTree(response.body()).path("status").asText();
            }
            if (status.equals("CONFIRMED")) {
                confirmedAfter.recordValue(Math.max(1, (System.nanoTime() - since) / 1000));
                counts.confirmed().incrementAndGet();
            } else {
                counts.other().incrementAndGet();
            }
        } catch (Exception e) {
            counts.failed().incrementAndGet();
        }
    }

    /**
     * The pause before the next poll: the answer's Retry-After, as the API guide asks of clients, or 100 ms from
     * a server that gives none. Set {@code -Dpostr.bench.poll-ms=100} to poll at a fixed pace whatever the answer.
     */
    private static long pollPause(Optional<String> retryAfter) {
        if (FIXED_POLL_MS > 0) {
            return FIXED_POLL_MS;
        }
        return retryAfter.map(seconds -> Long.parseLong(seconds.strip()) * 1000).orElse(100L);
    }

    private static String orderBody(String sku) {
        return """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "Erika", "street": "S", "city": "Berlin", "zip": "10115", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku);
    }

    private static String send(HttpRequest request) throws Exception {
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** CPU at rest, in cores. */
    private record Idle(double app, double database) {
    }

    /** The app's and PostgreSQL's CPU over {@code seconds} without a request. */
    private static Idle idleCpu(Connection db, PackagedApp.App app, Path database, int seconds) throws Exception {
        Thread.sleep(5_000); // what the last load left behind settles first
        var before = snapshot(db, app, database);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        var after = snapshot(db, app, database);
        double wall = TimeUnit.SECONDS.toNanos(seconds) + 1_500_000_000.0; // snapshot's own pause
        return new Idle((after.appCpuNanos() - before.appCpuNanos()) / wall,
                (after.databaseCpuNanos() - before.databaseCpuNanos()) / wall);
    }

    /**
     * GETs of one URL sent on schedule at {@code rate} per second over 32 kept-alive connections; latency counts
     * from the scheduled moment, so a request waiting for a free connection counts its wait. The CPU each process
     * spent per request is reported beside it, the load generator's own too.
     */
    private static String reads(String name, String url, int rate, int seconds, Connection db, PackagedApp.App app,
                                Path database) throws Exception {
        var latency = histogram();
        var failed = new AtomicLong();
        var due = new LinkedBlockingQueue<Long>();
        long total = (long) rate * seconds;
        var before = snapshot(db, app, database);
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < 32; w++) {
            var worker = new Thread(() -> {
                try (var connection = new KeepAliveHttp(URI.create(url), Http.token)) {
                    for (long scheduled = due.take(); scheduled != Long.MIN_VALUE; scheduled = due.take()) {
                        try {
                            if (connection.get() != 200) {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                        latency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long started = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = started + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(scheduled);
        }
        workers.forEach(worker -> due.add(Long.MIN_VALUE));
        for (var worker : workers) {
            worker.join();
        }
        var after = snapshot(db, app, database);
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %d | %.0f | %.0f |", name, rate,
                ms(latency, 50), ms(latency, 95), ms(latency, 99), latency.getMaxValue() / 1000.0, failed.get(),
                (after.appCpuNanos() - before.appCpuNanos()) / 1e3 / total,
                (after.benchCpuNanos() - before.benchCpuNanos()) / 1e3 / total);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + Http.token);
    }

    /** Microseconds, up to ten minutes, three significant digits. */
    private static Histogram histogram() {
        return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static Snapshot snapshot(Connection db, PackagedApp.App app, Path database) throws Exception {
        Thread.sleep(1_500); // backends publish their statistics at most once a second
        long commits;
        long head;
        try (var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                     + " WHERE datname = 'postr'), (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)")) {
            rows.next();
            commits = rows.getLong(1);
            head = rows.getLong(2);
        }
        long appCpu = cpu(app.process().toHandle());
        // pg_ctl leaves the server to init, so it is found by its pid file, not among the app's children
        var postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(database.resolve("postmaster.pid"))
                .get(0).trim())).orElseThrow();
        long databaseCpu = cpu(postmaster) + postmaster.descendants().mapToLong(CheckoutBench::cpu).sum();
        long benchCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new Snapshot(commits, head, appCpu, databaseCpu, benchCpu);
    }

    /**
     * Events appended through commands beside the same rows inserted by plain JDBC. Sixteen clients each record
     * stock receipts for their own SKU: one command, one aggregate load, one event in one transaction per request
     * (the answer also waits for the stock level to show it, as every write's does). Then the rows those requests
     * appended are inserted again, as they were stored, into a copy of the event table from sixteen connections,
     * one row per transaction, the way the command path commits them.
     */
    private static List<String> appends(String base, List<String> skus, int seconds, Connection db, int dbPort,
                                        PackagedApp.App app, Path database) throws Exception {
        drain(base);
        int writers = 16;
        var latency = histogram();
        var failed = new AtomicLong();
        var before = snapshot(db, app, database);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        inParallel(writers, writer -> {
            var url = URI.create(base + "/api/v1/inventory/" + skus.get(writer) + "/receipts");
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                try {
                    var response = HTTP.send(authorized(HttpRequest.newBuilder(url))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": 1}")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            }
        });
        double took = (System.nanoTime() - started) / 1e9;
        var after = snapshot(db, app, database);
        long events = after.head() - before.head();
        var rows = new ArrayList<String>();
        rows.add(String.format(Locale.ROOT, "| through commands (POST a stock receipt) | %,.0f | %.1f | %.1f | %.0f"
                        + " | %.0f | %d |", events / took, ms(latency, 50), ms(latency, 99),
                (after.appCpuNanos() - before.appCpuNanos()) / 1e3 / events,
                (after.databaseCpuNanos() - before.databaseCpuNanos()) / 1e3 / events, failed.get()));

        try (var statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event_copy");
            statement.execute("CREATE TABLE bench_event_copy (LIKE domain_event_entry INCLUDING ALL)");
        }
        var queue = new ConcurrentLinkedQueue<Object[]>();
        // global_index is copied as stored: the copy's own default would draw from the event table's sequence, and
        // the next scenario's events would then seem to be thousands more than were appended
        try (var read = db.prepareStatement("SELECT aggregate_identifier, sequence_number, type, event_identifier,"
                + " meta_data, payload, payload_revision, payload_type, time_stamp, global_index"
                + " FROM domain_event_entry"
                + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index")) {
            read.setLong(1, before.head());
            read.setLong(2, after.head());
            try (var result = read.executeQuery()) {
                while (result.next()) {
                    var row = new Object[10];
                    for (int c = 0; c < 10; c++) {
                        row[c] = result.getObject(c + 1);
                    }
                    queue.add(row);
                }
            }
        }
        var rawLatency = histogram();
        var rawBefore = snapshot(db, app, database);
        long rawStarted = System.nanoTime();
        inParallel(writers, writer -> {
            try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr",
                    "postgres", "postgres");
                 var copy = connection.prepareStatement("INSERT INTO bench_event_copy (aggregate_identifier,"
                         + " sequence_number, type, event_identifier, meta_data, payload, payload_revision,"
                         + " payload_type, time_stamp, global_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var row = queue.poll(); row != null; row = queue.poll()) {
                    long sent = System.nanoTime();
                    for (int c = 0; c < row.length; c++) {
                        copy.setObject(c + 1, row[c]);
                    }
                    copy.executeUpdate();
                    rawLatency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                }
            }
        });
        double rawTook = (System.nanoTime() - rawStarted) / 1e9;
        var rawAfter = snapshot(db, app, database);
        rows.add(String.format(Locale.ROOT, "| baseline: the same rows by plain JDBC, one per transaction | %,.0f | %.1f"
                        + " | %.1f | | %.0f | 0 |", events / rawTook, ms(rawLatency, 50), ms(rawLatency, 99),
                (rawAfter.databaseCpuNanos() - rawBefore.databaseCpuNanos()) / 1e3 / events));
        rows.add(String.format(Locale.ROOT, "| ratio, commands / plain JDBC | %.3f | | | | | |", rawTook / took));
        return rows;
    }

    /** Single-row INSERT transactions from {@code connections} at once, as fast as PostgreSQL commits them. */
    private static double rawCommitRate(int dbPort, int connections, int seconds) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr", "postgres",
                "postgres"); var statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGSERIAL PRIMARY KEY, payload BYTEA)");
        }
        var done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        inParallel(connections, connection -> {
            try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postr",
                    "postgres", "postgres");
                 var insert = db.prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)")) {
                var payload = new byte[1024];
                while (System.nanoTime() < end) {
                    insert.setBytes(1, payload);
                    insert.executeUpdate();
                    done.incrementAndGet();
                }
            }
        });
        return done.get() / (double) seconds;
    }

    /** What one of several threads does; {@code index} tells them apart. */
    private interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs {@code worker} on {@code threads} threads at once and waits for all; the first failure is rethrown. */
    private static void inParallel(int threads, Worker worker) throws Exception {
        var errors = new ConcurrentLinkedQueue<Exception>();
        var running = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            var thread = new Thread(() -> {
                try {
                    worker.run(index);
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            thread.start();
            running.add(thread);
        }
        for (var thread : running) {
            thread.join();
        }
        if (!errors.isEmpty()) {
            throw errors.peek();
        }
    }

    private static String row(Result r) {
        var counts = r.counts();
        long confirmed = counts.confirmed().get();
        long orders = Math.max(1, confirmed + counts.other().get());
        var before = r.before();
        var after = r.after();
        return String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d"
                        + " | %.1f | %.1f | %.1f | %.1f | %.1f |", r.scenario(), confirmed / r.seconds() * 60,
                ms(r.post(), 50), ms(r.post(), 95), ms(r.post(), 99), r.post().getMaxValue() / 1000.0,
                ms(r.confirmedAfter(), 50), ms(r.confirmedAfter(), 99), counts.other().get(),
                counts.failed().get(), counts.refused().get(),
                (after.commits() - before.commits()) / (double) orders,
                (after.head() - before.head()) / (double) orders,
                (after.appCpuNanos() - before.appCpuNanos()) / 1e6 / orders,
                (after.databaseCpuNanos() - before.databaseCpuNanos()) / 1e6 / orders,
                (after.benchCpuNanos() - before.benchCpuNanos()) / 1e6 / orders);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
