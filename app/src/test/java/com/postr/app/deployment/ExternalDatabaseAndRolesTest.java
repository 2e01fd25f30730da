package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import com.postr.command.catalog.SkuRegistry;
import com.postr.query.catalog.CatalogProjection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.datasource.url} set the app uses that server and starts no database of its own; and the
 * one jar runs as separate command and query nodes sharing that database.
 */
class ExternalDatabaseAndRolesTest {

    /** Stands in for the PostgreSQL server an operator runs. */
    private static EmbeddedPostgres server;
    private static String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
        try (var connection = server.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database shop");
        }
        url = "jdbc:postgresql://localhost:" + server.getPort() + "/shop";
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void usesTheConfiguredServerInsteadOfAnEmbeddedOne() {
        try (var app = start(Map.of())) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();

            var created = http(app).post("/api/v1/products", registration("External", "c", uniqueSku("EXT")));
            assertThat(created.status()).isEqualTo(201);

            var shop = new JdbcTemplate(server.getDatabase("postgres", "shop"));
            assertThat(shop.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Integer.class, created.json().get("product_id").asText())).isEqualTo(1);
        }
    }

    @Test
    void runsCommandAndQueryRolesAsSeparateNodesOverOneDatabase() throws Exception {
        try (var commandNode = start(Map.of("postr.node.query", "false", "postr.node.sagas", "false"));
             // the deprecated names still work, so deployments can rename at their own pace
             var queryNode = start(Map.of("postr.roles.command", "false", "postr.roles.sagas", "false"))) {
            assertThat(commandNode.getBeansOfType(CatalogProjection.class)).isEmpty();
            assertThat(commandNode.getBeansOfType(SkuRegistry.class)).hasSize(1);
            assertThat(queryNode.getBeansOfType(CatalogProjection.class)).hasSize(1);
            assertThat(queryNode.getBeansOfType(SkuRegistry.class)).isEmpty();

            // the command node stores the product but has no read model to show it from
            var created = http(commandNode).post("/api/v1/products", registration("Split", "c", uniqueSku("SPLIT")));
            assertThat(created.status()).isEqualTo(202);
            var id = created.json().get("product_id").asText();
            assertThat(created.header("Location")).isEqualTo("/api/v1/products/" + id);

            // the query node cannot take commands...
            var refused = http(queryNode).post("/api/v1/products", registration("Nope", "c", uniqueSku("NOPE")));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");

            // ...but its projection picks up the command node's event from the shared event store
            var deadline = Instant.now().plus(Duration.ofSeconds(20));
            HttpClient.Response read;
            do {
                Thread.sleep(200);
                read = http(queryNode).get("/api/v1/products/" + id);
            } while (read.status() == 404 && Instant.now().isBefore(deadline));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("title").asText()).isEqualTo("Split");

            // a live order status stream on the query node hears what the command node does to the order
            var sku = read.json().at("/variants/0/sku").asText();
            var placed = http(commandNode).post("/api/v1/orders", Shopping.orderOf(sku, 1));
            assertThat(placed.status()).as(placed.body()).isEqualTo(202); // no sagas here: it stays PENDING
            var orderId = placed.json().get("order_id").asText();
            var queryHttp = http(queryNode);
            deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (queryHttp.get("/api/v1/orders/" + orderId).status() == 404 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            var port = queryNode.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var stream = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/orders/" + orderId
                                    + "/status-stream")).header("Authorization", "Bearer " + queryHttp.token()).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            var statuses = new LinkedBlockingQueue<String>();
            CompletableFuture.runAsync(() -> stream.body().filter(line -> line.startsWith("data:"))
                    .map(line -> line.replaceAll(".*\"status\":\"([A-Z]+)\".*", "$1")).forEach(statuses::add));
            assertThat(statuses.poll(20, TimeUnit.SECONDS)).isEqualTo("PENDING");
            assertThat(http(commandNode).post("/api/v1/orders/" + orderId + "/confirm", "").status()).isEqualTo(202);
            assertThat(statuses.poll(20, TimeUnit.SECONDS)).isEqualTo("CONFIRMED");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> roles) {
        var properties = new HashMap<String, Object>(roles);
        properties.put("server.port", "0");
        properties.put("postr.security.initial-admin.email", Users.ADMIN_EMAIL);
        properties.put("postr.security.initial-admin.password", Users.ADMIN_PASSWORD);
        properties.put("postr.rate-limit.enabled", "false");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        // arguments, not builder properties: those are defaults that application.yml would override
        return new SpringApplicationBuilder(PostrApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static HttpClient http(ConfigurableApplicationContext app) {
        var port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return Users.admin(new HttpClient(port), "external:" + port);
    }
}
