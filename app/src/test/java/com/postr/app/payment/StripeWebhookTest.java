package com.postr.app.payment;

import com.postr.api.common.Money;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.RequestPaymentAuthorizationCommand;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Stripe webhook with payloads signed by the test secret, and with tampered, stale and repeated ones. */
@PostrIntegrationTest
class StripeWebhookTest {

    private static final String SECRET = "whsec_test_fixture_only";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    private static String sign(String payload, long timestamp) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload)
                .getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + signature;
    }

    private static String event(String type, String object) {
        return """
                {"id": "evt_%s", "object": "event", "type": "%s", "api_version": "2024-06-20",
                 "data": {"object": %s}}""".formatted(UUID.randomUUID().toString().replace("-", ""), type, object);
    }

    private static String intent(PaymentId id, String status, String extra) {
        return """
                {"id": "pi_webhook", "object": "payment_intent", "status": "%s", "amount": 6321, "currency": "eur",
                 "metadata": {"payment_id": "%s"}%s}""".formatted(status, id.value(), extra);
    }

    private HttpClient.Response deliver(String payload, String signature) {
        return http.send("POST", "/api/v1/payments/stripe/webhook", payload,
                signature == null ? Map.of("Content-Type", "application/json")
                        : Map.of("Content-Type", "application/json", "Stripe-Signature", signature));
    }

    /** A payment the simulated provider answers only after 8 s, so the webhook is heard first. */
    private PaymentId slowPayment() {
        var id = PaymentId.generate();
        commands.sendAndWait(new RequestPaymentAuthorizationCommand(id, "ord_" + id.value(), Money.of("63.21", "EUR"),
                "pm_card_slow"));
        return id;
    }

    private List<String> eventTypes(PaymentId id) {
        return events.readEvents(id.value()).asStream().map(m -> m.getPayloadType().getSimpleName()).toList();
    }

    @Test
    void recordsAnAuthorizationReportedByAVerifiedEvent() throws Exception {
        var id = slowPayment();
        var payload = event("payment_intent.amount_capturable_updated", intent(id, "requires_capture", ""));

        var response = deliver(payload, sign(payload, Instant.now().getEpochSecond()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("handled").asBoolean()).isTrue();
        assertThat(eventTypes(id)).containsExactly("PaymentAuthorizationRequestedEvent", "PaymentAuthorizedEvent");
    }

    @Test
    void recordsADeclineWithItsCode() throws Exception {
        var id = slowPayment();
        var payload = event("payment_intent.payment_failed", intent(id, "requires_payment_method",
                ", \"last_payment_error\": {\"code\": \"card_declined\", \"decline_code\": \"expired_card\", "
                        + "\"message\": \"Your card has expired.\"}"));

        assertThat(deliver(payload, sign(payload, Instant.now().getEpochSecond())).status()).isEqualTo(200);
        assertThat(eventTypes(id)).contains("PaymentDeclinedEvent");
    }

    @Test
    void refusesATamperedPayloadWithoutEffect() throws Exception {
        var id = slowPayment();
        var signed = event("payment_intent.amount_capturable_updated", intent(id, "requires_capture", ""));
        var signature = sign(signed, Instant.now().getEpochSecond());
        var tampered = signed.replace("6321", "1");

        var response = deliver(tampered, signature);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(eventTypes(id)).containsExactly("PaymentAuthorizationRequestedEvent");
    }

    @Test
    void refusesAStaleOrMissingSignature() throws Exception {
        var id = slowPayment();
        var payload = event("payment_intent.amount_capturable_updated", intent(id, "requires_capture", ""));

        assertThat(deliver(payload, sign(payload, Instant.now().getEpochSecond() - 600)).status()).isEqualTo(400);
        assertThat(deliver(payload, null).status()).isEqualTo(400);
        assertThat(deliver(payload, "t=1,v1=deadbeef").status()).isEqualTo(400);
        assertThat(eventTypes(id)).containsExactly("PaymentAuthorizationRequestedEvent");
    }

    @Test
    void actsOnceOnAnEventDeliveredTwice() throws Exception {
        var id = slowPayment();
        var payload = event("payment_intent.amount_capturable_updated", intent(id, "requires_capture", ""));
        var signature = sign(payload, Instant.now().getEpochSecond());

        assertThat(deliver(payload, signature).json().get("handled").asBoolean()).isTrue();
        var again = deliver(payload, signature);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(eventTypes(id)).containsExactly("PaymentAuthorizationRequestedEvent", "PaymentAuthorizedEvent");
    }

    @Test
    void acknowledgesEventsItDoesNotHandle() throws Exception {
        var payload = event("customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\", \"metadata\": {}}");
        var response = deliver(payload, sign(payload, Instant.now().getEpochSecond()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("handled").asBoolean()).isFalse();
        assertThat(deliver("{not json", sign("{not json", Instant.now().getEpochSecond())).status()).isEqualTo(400);
    }
}
