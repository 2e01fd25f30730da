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

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PostrApplication.class).run("--server.port=0",
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
