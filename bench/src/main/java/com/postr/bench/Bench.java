package com.postr.bench;

import static com.postr.bench.Http.get;
import static com.postr.bench.Http.patch;
import static com.postr.bench.Http.post;
import static com.postr.bench.Http.send;
import static com.postr.bench.Http.timed;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import com.postr.bench.Http.Call;
import com.postr.bench.Http.Stats;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the packaged app as its own process on an embedded PostgreSQL, once per event-processor mode, and
 * measures what a client sees over loopback HTTP. Every figure of one report comes from one run on one machine,
 * so the ratios between modes are fair. Usage: {@code ./mvnw -q -pl bench exec:java [-Dexec.args="JAR ROUNDS"]};
 * {@code -Dexec.args="search PRODUCTS QUERIES"} runs {@link SearchBench} instead, and
 * {@code -Dexec.args="orders ORDERS REQUESTS"} runs {@link OrderHistoryBench}, and
 * {@code -Dexec.args="analytics EVENTS"} runs {@link AnalyticsRebuildBench}, and {@code "rebuild EVENTS"} its
 * blue/green order-history rebuild, and {@code "checkout [SECONDS] [SCENARIOS]"} runs {@link CheckoutBench};
 * {@code "profile FILE.jfr [FROM TO]"} summarizes a JFR recording of the app ({@link ProfileSummary}).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    // the bench's own admin, made at start-up of the app it drives; a throwaway, never a real account
    private static final String ADMIN_EMAIL = "bench@postr.local";
    private static final String ADMIN_PASSWORD = "perf-run-" + java.util.UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("search")) {
            SearchBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("orders")) {
            OrderHistoryBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("analytics")) {
            AnalyticsRebuildBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("checkout")) {
            CheckoutBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 20, List.of((args.length > 2 ? args[2]
                    : "c1,c16,c64,r50,r100,r167,r250,appends").split(",")));
            return;
        }
        if (args.length > 1 && args[0].equals("profile")) {
            ProfileSummary.run(Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            AnalyticsRebuildBench.run("order-history", args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            return;
        }
        var jar = args.length > 0 ? PackagedApp.jar(args[0]) : PackagedApp.jar();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        var results = new LinkedHashMap<String, Map<String, Stats>>();
        for (var mode : List.of("tracking", "pooled")) {
            results.put(mode, runAgainst(jar, mode, rounds));
        }
        print(results, rounds);
    }

    private static Map<String, Stats> runAgainst(Path jar, String mode, int rounds) throws Exception {
        var workDir = Files.createTempDirectory("postr-bench-");
        var dataDir = workDir.resolve("postgres");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString(), "--server.port=" + port,
                "--postr.embedded-postgres.data-dir=" + dataDir,
                "--axon.eventhandling.processors.catalog.mode=" + mode,
                "--axon.eventhandling.processors.stock-levels.mode=" + mode,
                "--postr.security.initial-admin.email=" + ADMIN_EMAIL,
                "--postr.security.initial-admin.password=" + ADMIN_PASSWORD,
                "--postr.rate-limit.enabled=false", // a load test measures the shop, not its limits
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("app.log").toFile()).start();
        try {
            var base = "http://localhost:" + port;
            Http.token = null; // the previous app's token: this app has its own keys, and would refuse it
            awaitHealthy(base, process);
            Http.token = JSON.readTree(post(base + "/api/v1/auth/login", "{\"email\": \"" + ADMIN_EMAIL
                    + "\", \"password\": \"" + ADMIN_PASSWORD + "\"}")).get("access_token").asText();
            var stats = new LinkedHashMap<String, Stats>();
            var productId = createProduct(base, "WARM");
            // warm both JVMs (this client's and the app's) on every path before measuring
            timed(50, i -> patch(base + "/api/v1/products/" + productId, "{\"title\": \"warm " + i + "\"}"));
            timed(100, i -> get(base + "/api/v1/products/" + productId));
            timed(100, i -> get(base + "/api/v1/products?limit=20"));

            stats.put("write: change product, read own write", timed(rounds,
                    i -> patch(base + "/api/v1/products/" + productId, "{\"title\": \"Title " + i + "\"}")));
            stats.put("read: product by id", timed(rounds, i -> get(base + "/api/v1/products/" + productId)));
            stats.put("read: catalog page of 20", timed(rounds, i -> get(base + "/api/v1/products?limit=20")));

            var sku = stockedSku(base, rounds * 10);
            stats.put("write: reserve stock, read own write", timed(rounds,
                    i -> post(base + "/api/v1/inventory/" + sku + "/reservations",
                            "{\"order_id\": \"ord_seq" + i + "\", \"quantity\": 1}")));
            stats.put("write: reserve stock, 8 clients at once on one SKU", concurrent(8, rounds,
                    i -> post(base + "/api/v1/inventory/" + sku + "/reservations",
                            "{\"order_id\": \"ord_par" + i + "\", \"quantity\": 1}")));
            return stats;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String createProduct(String base, String prefix) throws Exception {
        var sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var body = """
                {"title": "Bench", "artist": "Bench", "category": "bench", "variants": [{"sku": "%s", "size": "A3",
                 "framed": false, "paper": "MATTE", "price": {"amount": 10, "currency": "EUR"}}]}""".formatted(sku);
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/products"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        return JSON.readTree(response).get("product_id").asText();
    }

    private static String stockedSku(String base, int quantity) throws Exception {
        var productId = createProduct(base, "STOCK");
        var product = JSON.readTree(get(base + "/api/v1/products/" + productId));
        var sku = product.at("/variants/0/sku").asText();
        post(base + "/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": " + quantity + "}");
        return sku;
    }

    private static Stats concurrent(int clients, int n, Call call) throws Exception {
        var nanos = new long[n];
        var next = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int c = 0; c < clients; c++) {
                tasks.add(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        call.run(i);
                        nanos[i] = System.nanoTime() - t;
                    }
                    return null;
                });
            }
            for (var future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Stats(nanos, System.nanoTime() - start);
    }

    private static void awaitHealthy(String base, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited during start-up");
            }
            try {
                get(base + "/actuator/health");
                return;
            } catch (IOException | IllegalStateException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("The app did not become healthy in 120 s");
    }

    private static void print(Map<String, Map<String, Stats>> results, int rounds) {
        System.out.printf(Locale.ROOT, "%n%d requests per scenario, %s cores, Java %s%n%n", rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| processor mode | scenario | p50 ms | p95 ms | p99 ms | max ms | requests/s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        results.forEach((mode, stats) -> stats.forEach((name, s) -> System.out.printf(Locale.ROOT,
                "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.0f |%n", mode, name, s.percentile(50), s.percentile(95),
                s.percentile(99), s.percentile(100), s.throughput())));
        System.out.println();
        var tracking = results.get("tracking");
        var pooled = results.get("pooled");
        tracking.forEach((name, s) -> System.out.printf(Locale.ROOT, "pooled / tracking p50, %s: %.1fx%n", name,
                pooled.get(name).percentile(50) / s.percentile(50)));
    }
}
