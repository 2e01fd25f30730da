package com.postr.app.audit;

import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auditor role: reads every history with personal data masked, changes nothing, and is itself audited. */
@PostrIntegrationTest
class AuditorApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpClient admin;
    HttpClient auditor;
    String orderId;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
        auditor = Users.withRole(port, "auditor");
        var sku = Inventory.stockedSku(admin, "AUD", 5);
        var placed = Users.customer(port).post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "Erika Mustermann", "street": "Heidestr. 17", "city": "Köln",
                                      "zip": "51147", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"},
                 "contact_email": "erika@example.com"}""".formatted(sku));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        orderId = placed.json().get("order_id").asText();
    }

    @Test
    void readsAnOrdersHistoryWithPersonalDataMasked() {
        var history = auditor.get("/api/v1/orders/" + orderId + "/events");

        assertThat(history.status()).as(history.body()).isEqualTo(200);
        var placed = history.json().at("/events/0");
        assertThat(placed.get("type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(placed.at("/payload/shipping_address/name").asText()).isEqualTo("***");
        assertThat(placed.at("/payload/shipping_address/street").asText()).isEqualTo("***");
        assertThat(placed.at("/payload/shipping_address/city").asText()).isEqualTo("***");
        assertThat(placed.at("/payload/shipping_address/zip").asText()).isEqualTo("***");
        assertThat(placed.at("/payload/shipping_address/country").asText()).isEqualTo("DE");
        assertThat(placed.at("/payload/contact_email").asText()).isEqualTo("***");
        assertThat(history.body()).doesNotContain("Mustermann", "Heidestr", "erika@example.com");
        assertThat(placed.at("/payload/prices/total/amount").isMissingNode()).isFalse();

        // staff serve the customer, so they see who and where
        var staffView = admin.get("/api/v1/orders/" + orderId + "/events").json();
        assertThat(staffView.at("/events/0/payload/shipping_address/name").asText()).isEqualTo("Erika Mustermann");
    }

    @Test
    void followsAnOrderAcrossEveryStreamThatNamesItInGlobalOrder() {
        var types = java.util.List.of("OrderPlacedEvent", "StockReservedEvent", "PaymentAuthorizationRequestedEvent",
                "PaymentAuthorizedEvent", "OrderConfirmedEvent", "StockCommittedEvent");
        var trail = Eventually.assertThat(() -> auditor.get("/api/v1/audit/orders/" + orderId + "/events").json(),
                t -> t.get("events").findValuesAsText("type").containsAll(types));

        var events = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        trail.get("events").forEach(events::add);
        assertThat(events).extracting(e -> e.get("global_position").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.get("aggregate_type").asText())
                .contains("Order", "Payment", "StockItem");
        var placed = events.stream().filter(e -> e.get("type").asText().equals("OrderPlacedEvent")).findFirst()
                .orElseThrow();
        assertThat(placed.get("aggregate_id").asText()).isEqualTo(orderId);
        assertThat(placed.get("sequence").asLong()).isZero();
        assertThat(placed.at("/payload/order_id").asText()).as("ids as plain strings").isEqualTo(orderId);
        assertThat(placed.at("/payload/shipping_address/name").asText()).isEqualTo("***");
        assertThat(placed.get("user_roles").asText()).isEqualTo("customer");
        assertThat(placed.get("request_id").asText()).isNotBlank();
        var reserved = events.stream().filter(e -> e.get("type").asText().equals("StockReservedEvent")).findFirst()
                .orElseThrow();
        // the saga reserved in reaction to the placement: one correlation, caused by a message of the chain
        assertThat(reserved.get("correlation_id").asText()).isEqualTo(placed.get("correlation_id").asText());
        assertThat(reserved.get("causation_id").asText()).isNotBlank();
        assertThat(reserved.get("aggregate_id").asText()).isEqualTo(placed.at("/payload/lines/0/sku").asText());

        var staffView = admin.get("/api/v1/audit/orders/" + orderId + "/events").json();
        assertThat(staffView.at("/events/0/payload/shipping_address/name").asText()).isEqualTo("Erika Mustermann");
        assertThat(auditor.get("/api/v1/audit/orders/ord_nothing/events").status()).isEqualTo(404);
        assertThat(Users.withRole(port, "support").get("/api/v1/audit/orders/" + orderId + "/events").status())
                .isEqualTo(403);
    }

    @Test
    void changesNothingAndSeesNoOrderOutsideItsHistory() {
        assertThat(auditor.post("/api/v1/carts", "{}").status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/orders/" + orderId + "/cancel", "{}").status()).isEqualTo(403);
        assertThat(auditor.patch("/api/v1/users/me", "{\"display_name\": \"A\"}").status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/products", "{}").errorCode()).isEqualTo("FORBIDDEN");
        assertThat(auditor.get("/api/v1/orders/" + orderId).status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/users/me").status()).isEqualTo(200);
        for (var role : new String[] {"support", "partner"}) {
            assertThat(Users.withRole(port, role).get("/api/v1/audit/log").status()).as(role).isEqualTo(403);
        }
        assertThat(Users.customer(port).get("/api/v1/audit/log").status()).isEqualTo(403);
        assertThat(Users.customer(port).get("/api/v1/orders/" + orderId + "/events").status()).isEqualTo(403);
    }

    @Test
    void recordsEveryAuditReadInAnAppendOnlyLog() {
        var requestId = "audit-" + UUID.randomUUID();
        var read = auditor.send("GET", "/api/v1/orders/" + orderId + "/events", null,
                Map.of("X-Request-Id", requestId));
        assertThat(read.status()).isEqualTo(200);

        var log = auditor.get("/api/v1/audit/log?limit=100").json();
        var entry = java.util.stream.StreamSupport.stream(log.get("data").spliterator(), false)
                .filter(e -> requestId.equals(e.get("request_id").asText())).findFirst().orElseThrow();
        assertThat(entry.get("user_id").asText()).isEqualTo(Users.userId(auditor));
        assertThat(entry.get("roles").asText()).isEqualTo("auditor");
        assertThat(entry.get("resource").asText()).isEqualTo(orderId);
        assertThat(entry.get("action").asText()).isEqualTo("read order events");
        // reading the log is an audit read too: it is the newest entry
        assertThat(log.at("/data/0/action").asText()).isEqualTo("read audit log");

        assertThatThrownBy(() -> jdbc.update("update audit_log set user_id = 'someone_else'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).hasMessageContaining("append-only");
    }
}
