package com.postr.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event stored in its first shape, before OrderPlacedEvent gained its sales channel (revision 2), written
 * straight into the event store as an old deployment wrote it: it still loads into the aggregate, the read model
 * and the replays, and the audit API shows it in the new shape.
 */
@PostrIntegrationTest
class OrderPlacedEventEvolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readsARevisionOneOrderPlacedEventInTheCurrentShape() throws Exception {
        var admin = Users.admin(port);
        var sku = Inventory.stockedSku(admin, "EVO", 10);
        var template = Users.customer(port).post("/api/v1/orders", Shopping.orderOf(sku, 1));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        var templateId = template.json().get("order_id").asText();
        var stored = jdbc.queryForMap("select payload, meta_data, payload_revision from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", templateId);
        assertThat(stored.get("payload_revision")).isEqualTo("2");

        // the same order as an old deployment stored it: no salesChannel, no revision
        var legacyId = "ord_legacy" + UUID.randomUUID().toString().replace("-", "");
        var payload = (ObjectNode) JSON.readTree(new String((byte[]) stored.get("payload"), StandardCharsets.UTF_8));
        assertThat(payload.remove("salesChannel").asText()).isEqualTo("WEB");
        payload.putObject("orderId").put("value", legacyId);
        jdbc.update("insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "values (?, 0, 'Order', ?, ?, ?, null, ?, ?)",
                legacyId, UUID.randomUUID().toString(), stored.get("meta_data"),
                JSON.writeValueAsBytes(payload), OrderPlacedEvent.class.getName(), Instant.now().toString());

        var trail = admin.get("/api/v1/audit/orders/" + legacyId + "/events").json();
        var placed = trail.at("/events/0");
        assertThat(placed.get("type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(placed.get("revision").asText()).isEqualTo("2");
        assertThat(placed.at("/payload/sales_channel").asText()).isEqualTo("WEB");
        assertThat(placed.at("/payload/order_id").asText()).isEqualTo(legacyId);
        assertThat(admin.get("/api/v1/orders/" + legacyId + "/events").json().at("/events/0/payload/sales_channel")
                .asText()).isEqualTo("WEB");
        assertThat(admin.get("/api/v1/audit/orders/" + legacyId + "?as_of=" + placed.get("global_position").asLong())
                .json().get("status").asText()).isEqualTo("PENDING");

        // the projections and the aggregate read it too
        Eventually.assertThat(() -> admin.get("/api/v1/orders/" + legacyId).status(), status -> status == 200);
        var cancel = admin.post("/api/v1/orders/" + legacyId + "/cancel", "{\"reason\": \"merchant_decision\"}");
        assertThat(cancel.status()).as(cancel.body()).isLessThan(500);
    }

    @Test
    void recordsThroughWhichChannelANewOrderCame() {
        var admin = Users.admin(port);
        var sku = Inventory.stockedSku(admin, "CHAN", 10);
        HttpClient partner = Users.withRole(port, "partner");
        var placed = partner.post("/api/v1/orders", Shopping.orderOf(sku, 1));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var web = Users.customer(port).post("/api/v1/orders", Shopping.orderOf(sku, 1));

        assertThat(admin.get("/api/v1/orders/" + placed.json().get("order_id").asText() + "/events").json()
                .at("/events/0/payload/sales_channel").asText()).isEqualTo("PARTNER_API");
        assertThat(admin.get("/api/v1/orders/" + web.json().get("order_id").asText() + "/events").json()
                .at("/events/0/payload/sales_channel").asText()).isEqualTo("WEB");
    }
}
