package com.postr.app.audit;

import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What auditors replay: every stored event of an order, and which request caused it. */
@PostrIntegrationTest
class EventHistoryTest {

    @LocalServerPort
    int port;

    @Test
    void showsAnOrdersFullHistoryWithWhoCausedEachEventAndInWhichRequest() {
        var http = Users.admin(port);
        var sku = Inventory.stockedSku(http, "AUDIT", 5);
        var customer = Users.customer(port);
        var support = Users.withRole(port, "support");
        var placed = customer.send("POST", "/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "E", "street": "S", "city": "C", "zip": "1", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku),
                Map.of("Content-Type", "application/json", "X-Request-Id", "audit-place-0001",
                        "Idempotency-Key", "audit-key-0001"));
        var orderId = placed.json().get("order_id").asText();
        assertThat(placed.json().get("status").asText()).isEqualTo("CONFIRMED");
        support.send("POST", "/api/v1/orders/" + orderId + "/cancel", "{\"note\": \"test\"}",
                Map.of("Content-Type", "application/json", "X-Request-Id", "audit-cancel-0002"));

        // checkout voids the authorization and records the refund on the order
        Eventually.assertThat(() -> http.get("/api/v1/orders/" + orderId).json().at("/refund/status").asText(),
                status -> status.equals("REFUNDED"));
        var history = http.get("/api/v1/orders/" + orderId + "/events");

        assertThat(history.status()).isEqualTo(200);
        var events = history.json().get("events");
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("OrderPlacedEvent", "OrderConfirmedEvent", "OrderCancelledEvent",
                        "OrderRefundedEvent");
        assertThat(events.get(0).get("sequence").asLong()).isZero();
        assertThat(events.get(0).at("/metadata/request_id").asText()).isEqualTo("audit-place-0001");
        assertThat(events.get(0).at("/metadata/correlationId").asText()).isNotBlank();
        assertThat(events.get(0).at("/metadata/user_id").asText()).isEqualTo(Users.userId(customer));
        assertThat(events.get(0).at("/metadata/user_roles").asText()).isEqualTo("customer");
        assertThat(events.get(0).at("/metadata/idempotency_key").asText()).isEqualTo("audit-key-0001");
        assertThat(events.get(1).at("/metadata/user_id").asText()).isEqualTo(Users.userId(customer));
        // confirmed by checkout, yet traced to the request that placed the order
        assertThat(events.get(1).at("/metadata/request_id").asText()).isEqualTo("audit-place-0001");
        assertThat(events.get(2).at("/metadata/request_id").asText()).isEqualTo("audit-cancel-0002");
        assertThat(events.get(2).at("/payload/reason").asText()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(events.get(2).at("/payload/cancelled_by").asText()).isEqualTo(Users.userId(support));
        assertThat(events.get(2).at("/metadata/user_id").asText()).isEqualTo(Users.userId(support));
        assertThat(events.get(2).at("/metadata/user_roles").asText()).isEqualTo("support");
        assertThat(events.get(3).at("/metadata/request_id").asText()).isEqualTo("audit-cancel-0002");
        assertThat(events.get(0).at("/payload/prices/total/amount").decimalValue()).isEqualByComparingTo("40.59");

        assertThat(http.get("/api/v1/orders/ord_unknown/events").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/products/" + placed.json().at("/items/0/product_id").asText() + "/events")
                .json().at("/events/0/type").asText()).isEqualTo("ProductRegisteredEvent");
    }
}
