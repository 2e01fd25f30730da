package com.postr.app.deployment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.postr.app.support.AppProcess;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout under SIGKILL, again and again: buyers place orders, each with its own Idempotency-Key, the app is
 * killed at a random moment, started again on the same data, and every buyer retries what went unanswered with
 * the same key, as the API guide tells clients to. After every restart: each key names exactly one order, every
 * order reaches CONFIRMED or CANCELLED within seconds (not at the payment time-out), no stock stays reserved,
 * stock adds up exactly, and the provider ("Stripe", a local stub the real stripe-java client talks to) was asked
 * to authorize each order under one idempotency key only.
 * <p>
 * {@code -Dpostr.crash.rounds=N} makes it a soak run (8 by default, to keep the suite inside its budget).
 */
class CheckoutCrashLoopTest {

    private static final int ROUNDS = Integer.getInteger("postr.crash.rounds", 8);
    private static final int BUYERS = 4;
    private static final int STOCK = 60;
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String INTENT = """
            {"id": "pi_loop", "object": "payment_intent", "status": "%s", "amount": 1000, "currency": "eur",
             "capture_method": "manual"}""";

    private final WireMockServer stripe = new WireMockServer(options().dynamicPort().containerThreads(40));
    private final List<AppProcess> processes = new ArrayList<>();
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        stripe.start();
        // the provider answers in 20 to 400 ms, so kills land before, during and after its calls
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(okJson(INTENT.formatted("requires_capture")).withUniformRandomDelay(20, 400)));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(
                "{\"object\": \"search_result\", \"has_more\": false, \"data\": []}")));
        stripe.stubFor(post(urlPathMatching("/v1/payment_intents/.*/cancel"))
                .willReturn(okJson(INTENT.formatted("canceled"))));
        dir = Path.of("target", "crash-loop", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (var process : processes) {
            process.close();
        }
        stripe.stop();
        FileSystemUtils.deleteRecursively(dir.resolve("postgres"));
    }

    /** What one buyer sent and was told, kept across kills. */
    private static final class Buyer {
        final HttpClient http;
        final String userId;
        /** key → the order id every answer for it named (at most one, or the test fails). */
        final Map<String, Set<String>> answers = new ConcurrentHashMap<>();
        final Map<String, Integer> quantities = new ConcurrentHashMap<>();
        String pendingKey;
        /** Answers marked Idempotent-Replayed: a retry answered with what an earlier attempt did. */
        int replays;

        Buyer(HttpClient http, String userId) {
            this.http = http;
            this.userId = userId;
        }
    }

    @Test
    void everyKeyIsOneOrderAndEveryOrderEndsWhateverMomentTheAppDies() throws Exception {
        int port = AppProcess.freePort();
        var app = start(port, 0);
        var admin = Users.admin(new HttpClient(port), "crash-loop:" + port);
        var sku = Inventory.stockedSku(admin, "LOOP", STOCK);
        var buyers = new ArrayList<Buyer>();
        for (int i = 0; i < BUYERS; i++) {
            var buyer = Users.customer(port).withoutIdempotencyKeys();
            buyers.add(new Buyer(buyer, Users.userId(buyer)));
        }
        int kills = 0;
        int fiveHundreds = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            var running = new AtomicBoolean(true);
            var errors = new ConcurrentHashMap<Integer, Integer>();
            var threads = new ArrayList<Thread>();
            var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
            for (var buyer : buyers) {
                var thread = new Thread(() -> {
                    try {
                        shop(buyer, sku, running, errors);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 2_500));
            app.kill();
            kills++;
            running.set(false);
            for (var thread : threads) {
                thread.join();
            }
            assertThat(failures).as("what buyers were told in round " + round).isEmpty();
            app = start(port, round);
            // after the restart, every buyer gets an answer for the request that went unanswered
            for (var buyer : buyers) {
                retryUntilAnswered(buyer, sku, errors);
            }
            fiveHundreds += errors.getOrDefault(500, 0);
            assertThat(errors).as("5xx other than 503 in round " + round).doesNotContainKeys(500, 502, 504);
            checkInvariants(admin, buyers, sku, round);
        }
        assertThat(kills).isEqualTo(ROUNDS);
        assertThat(fiveHundreds).isZero();
        int orders = buyers.stream().mapToInt(b -> b.answers.size()).sum();
        int replays = buyers.stream().mapToInt(b -> b.replays).sum();
        // the figures docs/reliability.md quotes
        System.out.printf("Crash loop: %d kills, %d orders, %d answers rebuilt for retries after a kill, "
                + "%d 5xx other than 503%n", kills, orders, replays, fiveHundreds);
    }

    /** Places orders one after another until the app dies under it; an unanswered request keeps its key. */
    private static void shop(Buyer buyer, String sku, AtomicBoolean running, Map<Integer, Integer> errors) {
        while (running.get()) {
            if (!attempt(buyer, sku, errors)) {
                return; // the app is gone: the key stays pending for the retry after the restart
            }
        }
    }

    private static void retryUntilAnswered(Buyer buyer, String sku, Map<Integer, Integer> errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (buyer.pendingKey != null) {
            assertThat(System.nanoTime()).as("an answer for key " + buyer.pendingKey).isLessThan(deadline);
            if (!attempt(buyer, sku, errors)) {
                Thread.sleep(200);
            }
        }
    }

    /** One POST; false if it got no final answer (connection lost, 503, or the key still in progress). */
    private static boolean attempt(Buyer buyer, String sku, Map<Integer, Integer> errors) {
        if (buyer.pendingKey == null) {
            buyer.pendingKey = UUID.randomUUID().toString();
            buyer.quantities.put(buyer.pendingKey, ThreadLocalRandom.current().nextInt(1, 3));
        }
        var key = buyer.pendingKey;
        HttpClient.Response response;
        try {
            response = buyer.http.send("POST", "/api/v1/orders", Shopping.orderOf(sku, buyer.quantities.get(key)),
                    Map.of("Content-Type", "application/json", "Idempotency-Key", key));
        } catch (RuntimeException connectionLost) {
            return false;
        }
        if (response.status() >= 500) {
            errors.merge(response.status(), 1, Integer::sum);
            return false;
        }
        if (response.status() == 409 && response.json().at("/error/details/in_progress").asBoolean()) {
            return false;
        }
        assertThat(response.status()).as(response.body()).isIn(201, 202);
        buyer.answers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                .add(response.json().get("order_id").asText());
        if ("true".equals(response.header("Idempotent-Replayed"))) {
            buyer.replays++;
        }
        buyer.pendingKey = null;
        return true;
    }

    private void checkInvariants(HttpClient admin, List<Buyer> buyers, String sku, int round) {
        int confirmedUnits = 0;
        var confirmed = new HashSet<String>();
        for (var buyer : buyers) {
            // each key was always answered with one and the same order
            buyer.answers.forEach((key, orders) -> assertThat(orders).as("orders for key " + key).hasSize(1));
            // and the buyer has exactly as many orders as keys: no retry made a second one
            var listed = admin.get("/api/v1/orders?customer_id=" + buyer.userId + "&limit=1").json();
            assertThat(listed.at("/pagination/total_items").asInt()).as("orders of " + buyer.userId + " in round "
                    + round).isEqualTo(buyer.answers.size());
            for (var answer : buyer.answers.entrySet()) {
                var orderId = answer.getValue().iterator().next();
                // terminal within seconds of the restart, not at the payment time-out
                var order = com.postr.app.support.Eventually.assertThat(
                        () -> admin.get("/api/v1/orders/" + orderId).json(),
                        o -> Set.of("CONFIRMED", "CANCELLED").contains(o.path("status").asText()), SETTLE);
                if (order.get("status").asText().equals("CONFIRMED")) {
                    confirmed.add(orderId);
                    confirmedUnits += buyer.quantities.get(answer.getKey());
                } else {
                    assertThat(order.at("/cancellation/reason").asText()).as(order.toString()).isEqualTo("OUT_OF_STOCK");
                }
            }
        }
        int expectedOnHand = STOCK - confirmedUnits;
        var stock = com.postr.app.support.Eventually.assertThat(() -> admin.get("/api/v1/inventory/" + sku).json(),
                s -> s.get("reserved").asInt() == 0 && s.get("on_hand").asInt() == expectedOnHand, SETTLE);
        assertThat(stock.get("available").asInt()).isEqualTo(expectedOnHand);
        // the provider authorized each confirmed order under one key, and nothing else
        var keys = new HashMap<String, Integer>();
        stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")))
                .forEach(r -> keys.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum));
        assertThat(keys.keySet()).allSatisfy(key -> assertThat(key).endsWith(":authorize"));
        assertThat(keys).as("authorization keys in round " + round).hasSize(confirmed.size());
    }

    private AppProcess start(int port, int round) throws Exception {
        var app = AppProcess.start(dir, "round-" + round, port, List.of(
                "--postr.payments.stripe.secret-key=sk_test_crash_fixture",
                "--postr.payments.stripe.api-base=http://127.0.0.1:" + stripe.port(),
                "--postr.payments.stripe.network-retries=0",
                "--db-scheduler.polling-interval=1s"));
        processes.add(app);
        return app;
    }
}
