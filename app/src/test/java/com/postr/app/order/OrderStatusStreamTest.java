package com.postr.app.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.api.order.WatchOrderStatusQuery;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live order status over server-sent events, read with a real HTTP client as a browser would. */
@PostrIntegrationTest
class OrderStatusStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    QueryUpdateEmitter updates;

    @Autowired
    OrderStatusStream statusStream;

    HttpClient admin;
    String sku;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
        sku = Inventory.stockedSku(admin, "SSE", 100);
    }

    private String place(HttpClient customer, String token) {
        var placed = customer.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E M", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "%s"}}""".formatted(sku, token));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("order_id").asText();
    }

    /** An open stream: its events as they come, and whether the server closed it. */
    private final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BufferedReader reader;
        final List<String> comments = new ArrayList<>();

        Stream(HttpClient caller, String orderId) throws Exception {
            response = CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/orders/" + orderId + "/status-stream"))
                    .header("Authorization", "Bearer " + caller.token()).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        /** The next event's data, or null when the server ended the stream. */
        JsonNode next() throws Exception {
            var read = CompletableFuture.supplyAsync(() -> {
                try {
                    String name = null;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.startsWith(":")) {
                            comments.add(line);
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            assertThat(name).isEqualTo("status");
                            return JSON.readTree(line.substring(5).strip());
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return read.get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    @Test
    void pushesEveryStatusFromTheCurrentOneToDeliveryThenCloses() throws Exception {
        var customer = Users.customer(port);
        var id = place(customer, "pm_card_visa");
        try (var stream = new Stream(customer, id)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            assertThat(stream.next().get("status").asText()).isEqualTo("CONFIRMED");

            assertThat(admin.post("/api/v1/orders/" + id + "/process", "").status()).isEqualTo(200);
            assertThat(stream.next().get("status").asText()).isEqualTo("PROCESSING");
            admin.post("/api/v1/orders/" + id + "/ship", "{\"carrier\": \"UPS\", \"tracking_number\": \"1Z999\"}");
            var shipped = stream.next();
            assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
            assertThat(shipped.get("carrier").asText()).isEqualTo("UPS");
            assertThat(shipped.get("tracking_number").asText()).isEqualTo("1Z999");
            admin.post("/api/v1/orders/" + id + "/deliver", "");
            var delivered = stream.next();
            assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivered.get("order_id").asText()).isEqualTo(id);

            assertThat(stream.next()).as("closed after a terminal state").isNull();
        }
        assertThat(subscriptionsOf(id)).isZero();
    }

    @Test
    void reportsACancellationWithItsReasonAndSendsHeartbeatsMeanwhile() throws Exception {
        var customer = Users.customer(port);
        var id = place(customer, "pm_card_visa");
        try (var stream = new Stream(customer, id)) {
            assertThat(stream.next().get("status").asText()).isEqualTo("CONFIRMED");
            Thread.sleep(1_000);
            assertThat(customer.post("/api/v1/orders/" + id + "/cancel", "{}").status()).isEqualTo(200);
            var cancelled = stream.next();
            assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.get("reason").asText()).isEqualTo("CUSTOMER_REQUEST");
            assertThat(stream.comments).as("heartbeats while idle").isNotEmpty();
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void showsAnOrderOnlyToWhoMayReadIt() throws Exception {
        var owner = Users.customer(port);
        var id = place(owner, "pm_card_visa");
        try (var stranger = new Stream(Users.customer(port), id)) {
            assertThat(stranger.response.statusCode()).isEqualTo(404);
        }
        var anonymous = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/orders/" + id + "/status-stream")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        try (var support = new Stream(Users.withRole(port, "support"), id)) {
            assertThat(support.next().get("status").asText()).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void releasesTheSubscriptionOfAClientThatGoesAway() throws Exception {
        var customer = Users.customer(port);
        var id = place(customer, "pm_card_visa");
        var streams = new ArrayList<Stream>();
        for (int i = 0; i < 3; i++) {
            var stream = new Stream(customer, id);
            assertThat(stream.next().get("status").asText()).isEqualTo("CONFIRMED");
            streams.add(stream);
        }
        assertThat(subscriptionsOf(id)).isEqualTo(3);

        for (var stream : streams) {
            stream.close(); // the browser tab closes: no goodbye, the next heartbeat finds the socket gone
        }

        Eventually.assertThat(() -> subscriptionsOf(id), count -> count == 0, Duration.ofSeconds(15));
    }

    @Test
    void endsOpenStreamsWhenTheNodeShutsDown() throws Exception {
        var customer = Users.customer(port);
        var id = place(customer, "pm_card_visa");
        try (var stream = new Stream(customer, id)) {
            assertThat(stream.next().get("status").asText()).isEqualTo("CONFIRMED");

            statusStream.endAll(); // what the context's closing does, before the web server waits for requests

            assertThat(stream.next()).as("ended by the server, not left for the grace period").isNull();
        }
        Eventually.assertThat(() -> subscriptionsOf(id), count -> count == 0, Duration.ofSeconds(5));
    }

    private long subscriptionsOf(String orderId) {
        return updates.activeSubscriptions().stream()
                .filter(m -> m.getPayload() instanceof WatchOrderStatusQuery q && q.orderId().value().equals(orderId))
                .count();
    }
}
