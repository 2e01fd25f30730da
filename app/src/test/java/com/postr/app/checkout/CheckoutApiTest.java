package com.postr.app.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.api.payment.PaymentId;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout end to end over HTTP on real PostgreSQL: the saga, the simulated gateway (Stripe's test cards) and
 * the persistent payment deadline (6 s in the test profile; {@code pm_card_slow} answers after 10 s).
 */
@PostrIntegrationTest
class CheckoutApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    private JsonNode place(String token, String... skuAndQuantity) {
        var items = new StringBuilder();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            items.append(i == 0 ? "" : ", ").append("{\"sku\": \"").append(skuAndQuantity[i])
                    .append("\", \"quantity\": ").append(skuAndQuantity[i + 1]).append('}');
        }
        var placed = http.post("/api/v1/orders", """
                {"items": [%s],
                 "shipping_address": {"name": "Erika Mustermann", "street": "Heidestr. 17", "city": "Köln",
                                      "zip": "51147", "country": "DE"},
                 "payment_method": {"type": "card", "token": "%s"}}""".formatted(items, token));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json();
    }

    private JsonNode stock(String sku) {
        return http.get("/api/v1/inventory/" + sku).json();
    }

    private JsonNode settled(String orderId, String status) {
        return Eventually.assertThat(() -> http.get("/api/v1/orders/" + orderId).json(),
                order -> order.get("status").asText().equals(status));
    }

    private JsonNode stockSettled(String sku, int onHand, int reserved) {
        return Eventually.assertThat(() -> stock(sku),
                s -> s.get("on_hand").asInt() == onHand && s.get("reserved").asInt() == reserved);
    }

    private List<String> paymentEvents(String orderId) {
        return eventStore.readEvents(PaymentId.forOrder(orderId).value()).asStream()
                .map(e -> e.getPayloadType().getSimpleName()).toList();
    }

    private boolean checkoutActive(String orderId) {
        return !jdbc.queryForList("SELECT saga_id FROM association_value_entry WHERE association_key = 'orderId'"
                + " AND association_value = ?", String.class, orderId).isEmpty();
    }

    @Test
    void visaCardConfirmsCommitsStockAndCapturesAtShipment() {
        var sku = Inventory.stockedSku(http, "CHK", 10);

        var order = place("pm_card_visa", sku, "3");

        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        var id = order.get("order_id").asText();
        stockSettled(sku, 7, 0); // committed: gone from on-hand, no longer reserved
        assertThat(paymentEvents(id)).containsExactly("PaymentAuthorizationRequestedEvent", "PaymentAuthorizedEvent");

        http.post("/api/v1/orders/" + id + "/process", "");
        http.post("/api/v1/orders/" + id + "/ship", "{\"carrier\": \"DHL\", \"tracking_number\": \"00340434\"}");
        Eventually.assertThat(() -> paymentEvents(id), events -> events.contains("PaymentCapturedEvent"));
        assertThat(checkoutActive(id)).isTrue();

        http.post("/api/v1/orders/" + id + "/deliver", "");
        Eventually.assertThat(() -> checkoutActive(id), active -> !active);
    }

    @Test
    void declinedCardCancelsAndPutsTheStockBack() {
        var sku = Inventory.stockedSku(http, "CHK", 5);

        var order = place("pm_card_chargeDeclinedInsufficientFunds", sku, "2");

        var id = order.get("order_id").asText();
        var cancelled = settled(id, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.at("/cancellation/note").asText()).contains("insufficient_funds");
        assertThat(cancelled.at("/cancellation/cancelled_by").asText()).isEqualTo("system:checkout");
        var level = stockSettled(sku, 5, 0);
        assertThat(level.get("available").asInt()).isEqualTo(5);
        assertThat(checkoutActive(id)).isFalse();
    }

    @Test
    void unavailableLineCancelsOutOfStockAndReleasesTheOtherLines() {
        var plenty = Inventory.stockedSku(http, "CHK", 10);
        var scarce = Inventory.stockedSku(http, "CHK", 1);

        var order = place("pm_card_visa", plenty, "4", scarce, "2");

        var id = order.get("order_id").asText();
        var cancelled = settled(id, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(cancelled.at("/cancellation/note").asText()).contains(scarce).contains("1 units available")
                .contains("2 requested");
        // the line that was reserved is released again; nothing was ever asked of the payment provider
        stockSettled(plenty, 10, 0);
        stockSettled(scarce, 1, 0);
        assertThat(paymentEvents(id)).isEmpty();
        assertThat(checkoutActive(id)).isFalse();
    }

    @Test
    void paymentWithoutOutcomeInTimeIsVoidedAndTheOrderCancelled() {
        var sku = Inventory.stockedSku(http, "CHK", 4);

        var order = place("pm_card_slow", sku, "1");

        var id = order.get("order_id").asText();
        var cancelled = settled(id, "CANCELLED");
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        stockSettled(sku, 4, 0);
        // the card answers after the deadline; the authorization it made is voided at the provider too
        var events = Eventually.assertThat(() -> paymentEvents(id),
                e -> e.contains("PaymentAuthorizedEvent") || e.lastIndexOf("PaymentVoidRequestedEvent") > 1,
                Duration.ofSeconds(30));
        assertThat(events).doesNotContain("PaymentAuthorizedEvent");
        Eventually.assertThat(() -> paymentEvents(id), e -> e.get(e.size() - 1).equals("PaymentVoidedEvent"));
    }

    @Test
    void cancellingAConfirmedOrderVoidsThePaymentRecordsTheRefundAndRestocks() {
        var sku = Inventory.stockedSku(http, "CHK", 6);
        var order = place("pm_card_visa", sku, "2");
        var id = order.get("order_id").asText();
        stockSettled(sku, 4, 0);

        var cancel = http.post("/api/v1/orders/" + id + "/cancel", "{\"note\": \"ordered twice\"}");
        assertThat(cancel.status()).isEqualTo(200);

        var refunded = Eventually.assertThat(() -> http.get("/api/v1/orders/" + id).json(),
                o -> o.at("/refund/status").asText().equals("REFUNDED"));
        assertThat(refunded.at("/refund/refunded").decimalValue())
                .isEqualByComparingTo(order.get("total").decimalValue());
        stockSettled(sku, 6, 0);
        assertThat(paymentEvents(id)).endsWith("PaymentVoidRequestedEvent", "PaymentVoidedEvent");
        assertThat(checkoutActive(id)).isFalse();
    }

    @Test
    void cancellingAShippedOrderAsReturnedRefundsTheCapturedMoney() {
        var sku = Inventory.stockedSku(http, "CHK", 3);
        var id = place("pm_card_visa", sku, "1").get("order_id").asText();
        http.post("/api/v1/orders/" + id + "/process", "");
        http.post("/api/v1/orders/" + id + "/ship", "{\"carrier\": \"DHL\", \"tracking_number\": \"1\"}");
        Eventually.assertThat(() -> paymentEvents(id), events -> events.contains("PaymentCapturedEvent"));

        var returned = http.post("/api/v1/orders/" + id + "/cancel", "{\"reason\": \"returned\"}");
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);

        Eventually.assertThat(() -> http.get("/api/v1/orders/" + id).json().at("/refund/status").asText(),
                "REFUNDED"::equals);
        assertThat(paymentEvents(id)).endsWith("PaymentRefundRequestedEvent", "PaymentRefundedEvent");
        stockSettled(sku, 3, 0);
    }
}
