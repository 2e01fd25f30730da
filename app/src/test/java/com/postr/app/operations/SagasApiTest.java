package com.postr.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.api.payment.CapturePaymentCommand;
import com.postr.api.payment.PaymentId;
import com.postr.app.support.Eventually;
import com.postr.app.support.Faults;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout sagas through the operators' API: one stuck on a failing step is parked alone (every other checkout goes
 * on), listed with what it failed on, and recovered by a retry once the fault is fixed; an operator can also force
 * a checkout's compensation or end it.
 */
@PostrIntegrationTest
class SagasApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    HttpClient admin;
    String faulty;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
    }

    @AfterEach
    void clearFault() {
        if (faulty != null) {
            Faults.clear(faulty);
        }
    }

    @Test
    void aCheckoutStuckOnAFailingStepIsParkedAloneListedAndRecoveredByARetry() {
        var sku = Inventory.stockedSku(admin, "STUCK", 10);
        var order = confirmedOrder(sku, 2);
        // the capture at shipment fails as a bug would, until fixed
        faulty = PaymentId.forOrder(order).value();
        Faults.fail(CapturePaymentCommand.class, faulty);
        admin.post("/api/v1/orders/" + order + "/process", "");
        assertThat(admin.post("/api/v1/orders/" + order + "/ship",
                "{\"carrier\": \"DHL\", \"tracking_number\": \"00340434\"}").status()).isEqualTo(200);

        var stuck = Eventually.assertThat(() -> sagaOf(order), saga -> saga.isPresent()
                && saga.get().get("dead_letters").size() == 1).orElseThrow();
        assertThat(stuck.get("stage").asText()).isEqualTo("AUTHORIZED");
        assertThat(stuck.get("type").asText()).isEqualTo("checkout");
        assertThat(stuck.get("age_seconds").asLong()).isNotNegative();
        var failed = stuck.get("dead_letters").get(0);
        assertThat(failed.at("/event/type").asText()).endsWith("OrderShippedEvent");
        assertThat(failed.at("/cause/message").asText()).contains("injected fault");
        assertThat(failed.get("processor").asText()).isEqualTo("checkout");

        // every other checkout goes on
        assertThat(confirmedOrder(Inventory.stockedSku(admin, "FREE", 5), 1)).isNotBlank();

        // delivery waits behind the failed shipment, in order
        assertThat(admin.post("/api/v1/orders/" + order + "/deliver", "").status()).isEqualTo(200);
        var sagaId = stuck.get("saga_id").asText();
        var waiting = Eventually.assertThat(() -> admin.get("/api/v1/admin/sagas/" + sagaId).json(),
                saga -> saga.get("dead_letters").size() == 2);
        assertThat(waiting.at("/dead_letters/1/status").asText()).isEqualTo("queued");
        assertThat(waiting.at("/dead_letters/1/event/type").asText()).endsWith("OrderDeliveredEvent");
        // retried automatically while the fault lasts, then parked for an operator
        Eventually.assertThat(() -> admin.get("/api/v1/admin/sagas/" + sagaId).json(),
                saga -> saga.at("/dead_letters/0/status").asText().equals("parked"), Duration.ofSeconds(30));
        assertThat(paymentEvents(order)).doesNotContain("PaymentCapturedEvent");

        // fixed: the operator retries, the money is captured, and checkout ends with the delivery
        Faults.clear(faulty);
        var retried = admin.post("/api/v1/admin/sagas/" + sagaId + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asBoolean()).isTrue();
        Eventually.assertThat(() -> paymentEvents(order), events -> events.contains("PaymentCapturedEvent"));
        Eventually.assertThat(() -> admin.get("/api/v1/admin/sagas/" + sagaId).status(), status -> status == 404);
        assertThat(admin.post("/api/v1/admin/sagas/" + sagaId + "/retry", "").status()).isEqualTo(404);
    }

    @Test
    void anOperatorForcesCompensationTheOrderIsCancelledAsOperatorWithStockBackAndThePaymentVoided() {
        var sku = Inventory.stockedSku(admin, "UNDO", 5);
        var order = confirmedOrder(sku, 2);
        var saga = sagaOf(order).orElseThrow();
        assertThat(saga.get("stage").asText()).isEqualTo("AUTHORIZED");
        assertThat(saga.get("deadlines")).isEmpty(); // the payment time-out ended with the authorization

        var compensated = admin.post("/api/v1/admin/sagas/" + saga.get("saga_id").asText() + "/compensate",
                "{\"note\": \"address is a parcel forwarder\"}");

        assertThat(compensated.status()).as(compensated.body()).isEqualTo(202);
        var cancelled = Eventually.assertThat(() -> admin.get("/api/v1/orders/" + order).json(),
                o -> o.get("status").asText().equals("CANCELLED"));
        assertThat(cancelled.at("/cancellation/reason").asText()).isEqualTo("OPERATOR");
        assertThat(cancelled.at("/cancellation/note").asText()).isEqualTo("address is a parcel forwarder");
        Eventually.assertThat(() -> paymentEvents(order), events -> events.contains("PaymentVoidedEvent"));
        Eventually.assertThat(() -> admin.get("/api/v1/inventory/" + sku).json(),
                level -> level.get("on_hand").asInt() == 5 && level.get("reserved").asInt() == 0);
        Eventually.assertThat(() -> sagaOf(order), Optional::isEmpty);
    }

    @Test
    void anOrderThatCanNoLongerBeCancelledIsNotCompensatedAndEndingASagaForgetsIt() {
        var order = confirmedOrder(Inventory.stockedSku(admin, "END", 5), 1);
        assertThat(admin.post("/api/v1/orders/" + order + "/process", "").status()).isEqualTo(200);
        var shipped = admin.post("/api/v1/orders/" + order + "/ship",
                "{\"carrier\": \"DHL\", \"tracking_number\": \"1\"}");
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
        var sagaId = sagaOf(order).orElseThrow().get("saga_id").asText();

        var refused = admin.post("/api/v1/admin/sagas/" + sagaId + "/compensate", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(admin.get("/api/v1/orders/" + order).json().get("status").asText()).isEqualTo("SHIPPED");

        var ended = admin.delete("/api/v1/admin/sagas/" + sagaId);

        assertThat(ended.status()).as(ended.body()).isEqualTo(204);
        assertThat(admin.get("/api/v1/admin/sagas/" + sagaId).status()).isEqualTo(404);
        assertThat(sagaOf(order)).isEmpty();
        assertThat(admin.get("/api/v1/orders/" + order).json().get("status").asText()).isEqualTo("SHIPPED");
        assertThat(admin.delete("/api/v1/admin/sagas/" + sagaId).status()).isEqualTo(404);
    }

    @Test
    void sagasAreListedOldestFirstByAgeAndCountedWhenStale() {
        var order = confirmedOrder(Inventory.stockedSku(admin, "AGE", 5), 1);

        var all = admin.get("/api/v1/admin/sagas?older_than=PT0S&limit=100").json();
        var mine = admin.get("/api/v1/admin/sagas?older_than=PT0S&order_id=" + order).json();
        var old = admin.get("/api/v1/admin/sagas?older_than=7d&order_id=" + order).json();

        assertThat(ordersIn(mine)).containsExactly(order);
        assertThat(ordersIn(old)).isEmpty();
        assertThat(all.at("/pagination/total_items").asLong()).isGreaterThanOrEqualTo(1);
        var started = all.get("data").findValuesAsText("started_at").stream().map(Instant::parse).toList();
        assertThat(started).isSorted();
        assertThat(admin.get("/api/v1/admin/sagas?older_than=banana").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(Users.customer(port).get("/api/v1/admin/sagas").status()).isEqualTo(403);
        // the stale-saga gauge counts what the list shows beyond its threshold (14 days by default)
        var stale = admin.get("/api/v1/admin/sagas?older_than=P14D").json().at("/pagination/total_items").asLong();
        assertThat(admin.get("/actuator/prometheus").body()).contains("postr_sagas_stale " + (double) stale);
    }

    private String confirmedOrder(String sku, int quantity) {
        var placed = admin.post("/api/v1/orders", Shopping.orderOf(sku, quantity));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var id = placed.json().get("order_id").asText();
        Eventually.assertThat(() -> admin.get("/api/v1/orders/" + id).json().get("status").asText(),
                status -> status.equals("CONFIRMED"));
        return id;
    }

    private Optional<JsonNode> sagaOf(String orderId) {
        var found = admin.get("/api/v1/admin/sagas?order_id=" + orderId).json().get("data");
        return found.isEmpty() ? Optional.empty()
                : Optional.of(admin.get("/api/v1/admin/sagas/" + found.get(0).get("saga_id").asText()).json());
    }

    private static List<String> ordersIn(JsonNode page) {
        return page.get("data").findValuesAsText("order_id");
    }

    private List<String> paymentEvents(String orderId) {
        return eventStore.readEvents(PaymentId.forOrder(orderId).value()).asStream()
                .map(e -> e.getPayloadType().getSimpleName()).toList();
    }
}
