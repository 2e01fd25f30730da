package com.postr.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation finds a read model row that lost an event, and one that is gone, and is clean for rows that
 * match their events; a projection that is only catching up is not a difference.
 */
@PostrIntegrationTest
class ReconciliationApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRowThatLostAnEventAndARowThatIsGoneAreReportedAndMatchingRowsAreNot() {
        var admin = Users.admin(port);
        var sku = Inventory.stockedSku(admin, "RECON", 10);
        var placed = admin.post("/api/v1/orders", Shopping.orderOf(sku, 1));
        var order = placed.json().get("order_id").asText();
        Eventually.assertThat(() -> admin.get("/api/v1/orders/" + order).json().get("status").asText(),
                status -> status.equals("CONFIRMED"));
        Eventually.assertThat(() -> differencesFor(admin, order), List::isEmpty);
        assertThat(differencesFor(admin, sku)).isEmpty();

        var version = jdbc.queryForObject("SELECT version FROM order_history WHERE order_id = ?", Long.class, order);
        var stock = jdbc.queryForMap("SELECT * FROM stock_level WHERE sku = ?", sku);
        try {
            jdbc.update("UPDATE order_history SET version = version - 1 WHERE order_id = ?", order);
            jdbc.update("DELETE FROM stock_level WHERE sku = ?", sku);

            var report = admin.get("/api/v1/admin/reconciliation").json();

            assertThat(report.get("consistent").asBoolean()).isFalse();
            var behind = differencesFor(report, "order-history", order);
            assertThat(behind).hasSize(1);
            assertThat(behind.get(0).get("kind").asText()).isEqualTo("BEHIND");
            assertThat(behind.get(0).get("expected_version").asLong()).isEqualTo(version);
            assertThat(behind.get(0).get("actual_version").asLong()).isEqualTo(version - 1);
            var missing = differencesFor(report, "stock-levels", sku);
            assertThat(missing).hasSize(1);
            assertThat(missing.get(0).get("kind").asText()).isEqualTo("MISSING");
        } finally {
            jdbc.update("UPDATE order_history SET version = ? WHERE order_id = ?", version, order);
            jdbc.update("""
                    INSERT INTO stock_level (sku, on_hand, reserved, available, active_reservations, version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", stock.get("sku"), stock.get("on_hand"), stock.get("reserved"),
                    stock.get("available"), stock.get("active_reservations"), stock.get("version"),
                    stock.get("updated_at"));
        }
        assertThat(differencesFor(admin, order)).isEmpty();
        assertThat(differencesFor(admin, sku)).isEmpty();
        assertThat(Users.customer(port).get("/api/v1/admin/reconciliation").status()).isEqualTo(403);
    }

    private static List<JsonNode> differencesFor(HttpClient admin, String aggregateId) {
        var report = admin.get("/api/v1/admin/reconciliation").json();
        var found = new ArrayList<JsonNode>();
        report.get("projections").forEach(p -> found.addAll(differencesFor(report, p.get("processor").asText(),
                aggregateId)));
        return found;
    }

    private static List<JsonNode> differencesFor(JsonNode report, String processor, String aggregateId) {
        var found = new ArrayList<JsonNode>();
        report.get("projections").forEach(projection -> {
            if (projection.get("processor").asText().equals(processor)) {
                projection.get("differences").forEach(difference -> {
                    if (difference.get("aggregate_id").asText().equals(aggregateId)) {
                        found.add(difference);
                    }
                });
            }
        });
        return found;
    }
}
