package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import com.postr.app.support.AppProcess;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is stopped and started again while buyers place orders. The app does not need a restart: while
 * the database is away it answers 503 SERVICE_UNAVAILABLE with Retry-After (never 500), retries with the same
 * keys get the original orders, nothing accepted is lost or doubled, and every order still reaches its outcome.
 */
class DatabaseRestartTest {

    private static final int BUYERS = 4;
    private static final int STOCK = 500;

    private EmbeddedPostgres server;
    private ConfigurableApplicationContext app;
    private Path data;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        FileSystemUtils.deleteRecursively(data);
    }

    /** One buyer's keys and what each was answered. */
    private record Buyer(HttpClient http, String userId, Map<String, Set<String>> answers) {
    }

    @Test
    void anOutageAnswers503AndRetriesWithTheSameKeysGetTheOriginalOrders() throws Exception {
        data = Path.of("target", "db-restart", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(data);
        int dbPort = AppProcess.freePort();
        server = startDatabase(dbPort);
        try (var connection = server.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database shop");
        }
        app = new SpringApplicationBuilder(PostrApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/shop",
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--postr.security.initial-admin.email=" + Users.ADMIN_EMAIL,
                "--postr.security.initial-admin.password=" + Users.ADMIN_PASSWORD,
                "--postr.rate-limit.enabled=false");
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        var admin = Users.admin(new HttpClient(port), "db-restart:" + port);
        var sku = Inventory.stockedSku(admin, "DBR", STOCK);
        var buyers = new ArrayList<Buyer>();
        for (int i = 0; i < BUYERS; i++) {
            var buyer = Users.customer(port).withoutIdempotencyKeys();
            buyers.add(new Buyer(buyer, Users.userId(buyer), new ConcurrentHashMap<>()));
        }

        var unavailable = new ConcurrentLinkedQueue<HttpClient.Response>();
        var wrong = new ConcurrentLinkedQueue<String>();
        var running = new AtomicBoolean(true);
        var threads = new ArrayList<Thread>();
        for (var buyer : buyers) {
            var thread = new Thread(() -> shop(buyer, sku, running, unavailable, wrong));
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(2_000);
        server.close(); // a fast shutdown: transactions in flight are rolled back
        Thread.sleep(6_000);
        server = startDatabase(dbPort);
        Thread.sleep(4_000);
        running.set(false);
        for (var thread : threads) {
            thread.join();
        }

        assertThat(wrong).isEmpty();
        assertThat(unavailable).as("answers while the database was away").isNotEmpty().allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.header("Retry-After")).isNotBlank();
        });
        int units = 0;
        for (var buyer : buyers) {
            buyer.answers().forEach((key, orders) -> assertThat(orders).as("orders for key " + key).hasSize(1));
            var listed = Eventually.assertThat(() -> admin.get("/api/v1/orders?customer_id=" + buyer.userId()
                    + "&limit=1").json(), page -> page.at("/pagination/total_items").asInt()
                    == buyer.answers().size(), Duration.ofSeconds(90));
            assertThat(listed.at("/pagination/total_items").asInt()).isEqualTo(buyer.answers().size());
            for (var orders : buyer.answers().values()) {
                var id = orders.iterator().next();
                com.fasterxml.jackson.databind.JsonNode order;
                try {
                    order = Eventually.assertThat(() -> admin.get("/api/v1/orders/" + id).json(),
                            o -> o.path("status").asText().equals("CONFIRMED"), Duration.ofSeconds(90));
                } catch (AssertionError stuck) {
                    throw new AssertionError(stuck.getMessage() + "\n" + diagnose(admin, id), stuck);
                }
                units += order.at("/items/0/quantity").asInt();
            }
        }
        // the outage was the database's fault, not any event's: nothing may be parked because of it
        var shop = new org.springframework.jdbc.core.JdbcTemplate(server.getDatabase("postgres", "shop"));
        assertThat(shop.queryForList("select processing_group || ' ' || payload_type || ': ' || cause_message "
                + "from dead_letter_entry", String.class)).isEmpty();
        int expected = STOCK - units;
        Eventually.assertThat(() -> admin.get("/api/v1/inventory/" + sku).json(),
                s -> s.get("on_hand").asInt() == expected && s.get("reserved").asInt() == 0, Duration.ofSeconds(90));
    }

    /** What an order that never reached its outcome left behind: its events, the checkout's token and saga. */
    private String diagnose(HttpClient admin, String orderId) {
        var shop = new org.springframework.jdbc.core.JdbcTemplate(server.getDatabase("postgres", "shop"));
        return String.join("\n",
                "events: " + shop.queryForList("select global_index || ' ' || payload_type || ' ' || time_stamp"
                        + " from domain_event_entry where aggregate_identifier = ? or convert_from(payload, 'UTF8')"
                        + " like ? order by global_index", String.class, orderId, "%" + orderId + "%"),
                "head: " + shop.queryForObject("select max(global_index) from domain_event_entry", Long.class),
                "tokens: " + shop.queryForList("select processor_name || '/' || segment || ' ' || coalesce(owner, '-')"
                        + " || ' ' || convert_from(token, 'UTF8') from token_entry where processor_name like 'checkout%'",
                        String.class),
                "sagas: " + shop.queryForList("select saga_id from association_value_entry where association_value = ?",
                        String.class, orderId),
                "processors: " + admin.get("/api/v1/admin/processors").body());
    }

    /** Orders until told to stop; a request without a final answer is retried with its key until it has one. */
    private static void shop(Buyer buyer, String sku, AtomicBoolean running,
                             ConcurrentLinkedQueue<HttpClient.Response> unavailable,
                             ConcurrentLinkedQueue<String> wrong) {
        String key = null;
        long deadline = Long.MAX_VALUE;
        while (key != null || running.get()) {
            if (key == null) {
                key = UUID.randomUUID().toString();
            }
            if (!running.get() && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            if (System.nanoTime() > deadline) {
                wrong.add("no answer for key " + key);
                return;
            }
            HttpClient.Response response;
            try {
                response = buyer.http().send("POST", "/api/v1/orders",
                        Shopping.orderOf(sku, 1 + Math.floorMod(key.hashCode(), 2)),
                        Map.of("Content-Type", "application/json", "Idempotency-Key", key));
            } catch (RuntimeException timedOut) {
                continue;
            }
            if (response.status() == 503) {
                unavailable.add(response);
                sleepBriefly();
                continue;
            }
            if (response.status() == 409 && response.json().at("/error/details/in_progress").asBoolean()) {
                sleepBriefly();
                continue;
            }
            if (response.status() != 201 && response.status() != 202) {
                wrong.add(response.status() + " " + response.body());
                return;
            }
            buyer.answers().computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                    .add(response.json().get("order_id").asText());
            key = null;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EmbeddedPostgres startDatabase(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(port).start();
    }
}
