package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;

import static com.postr.app.support.Inventory.reservation;
import static com.postr.app.support.Inventory.stockedSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances over one database never oversell: their appends to one SKU's event stream collide
 * on the event store's unique key, and the losing command is retried on fresh state.
 */
class TwoInstancesTest {

    private static EmbeddedPostgres server;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        server = EmbeddedPostgres.builder().start();
        try (var connection = server.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database shop");
        }
        try (var connection = server.getDatabase("postgres", "shop").getConnection();
             var statement = connection.createStatement()) {
            // what the delivery counter below records: each event once, and how often it came (in a schema of
            // its own, which Flyway leaves alone)
            statement.execute("create schema test");
            statement.execute("create table test.event_delivery (event_id varchar(255) primary key, "
                    + "deliveries int not null)");
        }
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        first.close();
        server.close();
    }

    @Test
    void reserveExactlyTheStockThereIsWhenBothTakeReservationsForOneSku() throws Exception {
        var one = http(first);
        var two = http(second);
        var sku = stockedSku(one, "TWO", 10);

        var responses = Concurrently.run(50, i -> (i % 2 == 0 ? one : two)
                .post("/api/v1/inventory/" + sku + "/reservations", reservation("ord_t" + i, 1)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() == 422).hasSize(40)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("INSUFFICIENT_INVENTORY"));

        var shop = new JdbcTemplate(server.getDatabase("postgres", "shop"));
        assertThat(shop.queryForObject("""
                select count(*) from domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.postr.api.inventory.StockReservedEvent'""",
                Integer.class, sku)).isEqualTo(10);

        // both instances' read models converge on the same, never negative, level
        for (var http : new HttpClient[] {one, two}) {
            var deadline = Instant.now().plus(Duration.ofSeconds(20));
            int reserved;
            do {
                Thread.sleep(100);
                reserved = http.get("/api/v1/inventory/" + sku).json().get("reserved").asInt();
            } while (reserved != 10 && Instant.now().isBefore(deadline));
            var level = http.get("/api/v1/inventory/" + sku).json();
            assertThat(level.get("reserved").asInt()).isEqualTo(10);
            assertThat(level.get("available").asInt()).isZero();
        }
    }

    @Test
    void hundredBuyersOnTwoNodesForTenUnitsMakeTenConfirmedOrdersAndOneReadModel() throws Exception {
        var one = http(first);
        var two = http(second);
        var sku = stockedSku(one, "BUY2", 10);
        var shop = new JdbcTemplate(server.getDatabase("postgres", "shop"));
        long since = shop.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        var buyers = new java.util.ArrayList<HttpClient>();
        for (int i = 0; i < 100; i++) {
            buyers.add(Users.customer(i % 2 == 0 ? one : two));
        }

        var placed = Concurrently.run(100, i -> buyers.get(i).post("/api/v1/orders",
                com.postr.app.support.Shopping.orderOf(sku, 1)));
        assertThat(placed).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        var ids = placed.stream().map(r -> r.json().get("order_id").asText()).toList();

        var outcomes = new java.util.HashMap<String, Integer>();
        for (var id : ids) {
            var order = com.postr.app.support.Eventually.assertThat(() -> one.get("/api/v1/orders/" + id).json(),
                    o -> !o.get("status").asText().equals("PENDING"), Duration.ofSeconds(60));
            outcomes.merge(order.get("status").asText(), 1, Integer::sum);
            // both nodes show the same order, to the version
            var other = com.postr.app.support.Eventually.assertThat(() -> two.get("/api/v1/orders/" + id).json(),
                    o -> o.get("version").asLong() == order.get("version").asLong(), Duration.ofSeconds(30));
            assertThat(other).isEqualTo(order);
        }
        assertThat(outcomes).containsEntry("CONFIRMED", 10).containsEntry("CANCELLED", 90);
        for (var http : new HttpClient[] {one, two}) {
            var level = com.postr.app.support.Eventually.assertThat(() -> http.get("/api/v1/inventory/" + sku).json(),
                    l -> l.get("reserved").asInt() == 0, Duration.ofSeconds(30));
            assertThat(level.get("on_hand").asInt()).isZero();
        }

        // every event since the orders began was handled once by one node, never by both
        long head = shop.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        long appended = shop.queryForObject("select count(*) from domain_event_entry where global_index > ? "
                + "and global_index <= ?", Long.class, since, head);
        var delivered = com.postr.app.support.Eventually.assertThat(() -> shop.queryForObject("""
                select count(*) from test.event_delivery d join domain_event_entry e on e.event_identifier = d.event_id
                where e.global_index > ? and e.global_index <= ?""", Long.class, since, head),
                n -> n == appended, Duration.ofSeconds(30));
        assertThat(delivered).isEqualTo(appended);
        assertThat(shop.queryForList("""
                select e.global_index || ' ' || e.payload_type || ' ' || d.deliveries from test.event_delivery d
                join domain_event_entry e on e.event_identifier = d.event_id where d.deliveries > 1""",
                String.class)).isEmpty();
    }

    /**
     * A projection like the read side's (a tracking processor of its own, one segment) that counts deliveries of
     * each event, on both nodes.
     */
    @org.axonframework.config.ProcessingGroup("delivery-counter")
    static class DeliveryCounter {

        private final JdbcTemplate jdbc;

        DeliveryCounter(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @org.axonframework.eventhandling.EventHandler
        void on(Object event, org.axonframework.eventhandling.EventMessage<?> message) {
            jdbc.update("""
                    insert into test.event_delivery (event_id, deliveries) values (?, 1)
                    on conflict (event_id) do update set deliveries = test.event_delivery.deliveries + 1""",
                    message.getIdentifier());
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PostrApplication.class, DeliveryCounter.class).run("--server.port=0",
                "--postr.security.bcrypt-strength=4",
                "--postr.security.initial-admin.email=" + Users.ADMIN_EMAIL,
                "--postr.security.initial-admin.password=" + Users.ADMIN_PASSWORD, "--postr.rate-limit.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + server.getPort() + "/shop",
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    private static HttpClient http(ConfigurableApplicationContext app) {
        var port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return Users.admin(new HttpClient(port), "two-instances:" + port);
    }
}
