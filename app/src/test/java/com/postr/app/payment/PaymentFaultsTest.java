package com.postr.app.payment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.postr.api.payment.PaymentId;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.Users;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout against "Stripe" (a local stub the real stripe-java client talks to) when the provider misbehaves: an
 * answer lost after the charge was made, a 500, and webhooks delivered twice and out of order. Each ends in the
 * right state with one authorization, made under one idempotency key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles("test")
class PaymentFaultsTest {

    private static final String SECRET = "whsec_test_fixture_only";
    private static final WireMockServer STRIPE = new WireMockServer(options().dynamicPort());
    private static final String INTENT = """
            {"id": "pi_%s", "object": "payment_intent", "status": "%s", "amount": 2000, "currency": "eur",
             "capture_method": "manual", "metadata": {"payment_id": "%s"}}""";

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("postr.payments.stripe.secret-key", () -> "sk_test_faults_fixture");
        registry.add("postr.payments.stripe.api-base", () -> "http://127.0.0.1:" + STRIPE.port());
        registry.add("postr.payments.stripe.timeout", () -> "1s");
        registry.add("postr.payments.stripe.network-retries", () -> "0");
        registry.add("postr.checkout.payment-timeout", () -> "60s");
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore events;

    HttpClient customer;
    String sku;

    @BeforeEach
    void setUp() {
        STRIPE.resetAll();
        STRIPE.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(
                "{\"object\": \"search_result\", \"has_more\": false, \"data\": []}")));
        STRIPE.stubFor(post(urlPathMatching("/v1/payment_intents/.*/cancel"))
                .willReturn(okJson(INTENT.formatted("x", "canceled", "x"))));
        customer = Users.customer(port);
        sku = Inventory.stockedSku(Users.admin(port), "FAULT", 10);
    }

    @Test
    void anAnswerLostAfterTheChargeIsAskedAgainUnderTheSameKeyAndCountedOnce() {
        // the provider authorizes, but its answer comes after the client gave up; asked again, it answers at once
        STRIPE.stubFor(post("/v1/payment_intents").inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(INTENT.formatted("lost", "requires_capture", "x")).withFixedDelay(3_000))
                .willSetStateTo("answered"));
        STRIPE.stubFor(post("/v1/payment_intents").inScenario("lost").whenScenarioStateIs("answered")
                .willReturn(okJson(INTENT.formatted("lost", "requires_capture", "x"))));

        var order = placeAndSettle();

        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertOneAuthorizationUnderOneKey(order.get("order_id").asText(), 2);
    }

    @Test
    void aProviderErrorIsRetriedUnderTheSameKeyAndCountedOnce() {
        STRIPE.stubFor(post("/v1/payment_intents").inScenario("error").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}"))
                .willSetStateTo("recovered"));
        STRIPE.stubFor(post("/v1/payment_intents").inScenario("error").whenScenarioStateIs("recovered")
                .willReturn(okJson(INTENT.formatted("error", "requires_capture", "x"))));

        var order = placeAndSettle();

        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertOneAuthorizationUnderOneKey(order.get("order_id").asText(), 2);
    }

    @Test
    void duplicateAndOutOfOrderWebhooksLeaveOneAuthorization() throws Exception {
        STRIPE.stubFor(post("/v1/payment_intents").willReturn(okJson(INTENT.formatted("hooks", "requires_capture",
                "x"))));
        var order = placeAndSettle();
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        var paymentId = paymentIdOf(order.get("order_id").asText());

        var authorized = event("payment_intent.amount_capturable_updated",
                INTENT.formatted("hooks", "requires_capture", paymentId));
        var webhook = new HttpClient(port);
        for (var payload : List.of(authorized, authorized,
                // a second delivery of the same news under another event id
                event("payment_intent.amount_capturable_updated", INTENT.formatted("hooks", "requires_capture",
                        paymentId)),
                // and a decline that Stripe sent earlier but that arrives last
                event("payment_intent.payment_failed", INTENT.formatted("hooks", "requires_payment_method",
                        paymentId).replace("\"metadata\"", "\"last_payment_error\": {\"code\": \"card_declined\"}, "
                        + "\"metadata\"")))) {
            var response = webhook.send("POST", "/api/v1/payments/stripe/webhook", payload,
                    Map.of("Content-Type", "application/json; charset=utf-8", "Stripe-Signature", sign(payload)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        var types = events.readEvents(paymentId).asStream().map(m -> m.getPayloadType().getSimpleName()).toList();
        assertThat(types).containsOnlyOnce("PaymentAuthorizedEvent").doesNotContain("PaymentDeclinedEvent");
        assertThat(customer.get("/api/v1/orders/" + order.get("order_id").asText()).json().get("status").asText())
                .isEqualTo("CONFIRMED");
        assertOneAuthorizationUnderOneKey(order.get("order_id").asText(), 1);
    }

    private com.fasterxml.jackson.databind.JsonNode placeAndSettle() {
        var placed = customer.post("/api/v1/orders", com.postr.app.support.Shopping.orderOf(sku, 1));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var orderId = placed.json().get("order_id").asText();
        return Eventually.assertThat(() -> customer.get("/api/v1/orders/" + orderId).json(),
                o -> !o.get("status").asText().equals("PENDING"), Duration.ofSeconds(30));
    }

    private static String paymentIdOf(String orderId) {
        return PaymentId.forOrder(orderId).value();
    }

    /** The provider saw {@code calls} authorization requests for the order, all under its payment's one key. */
    private void assertOneAuthorizationUnderOneKey(String orderId, int calls) {
        var paymentId = paymentIdOf(orderId);
        var requests = STRIPE.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(requests).hasSize(calls);
        assertThat(requests.stream().map(r -> r.getHeader("Idempotency-Key")).distinct().toList())
                .containsExactly(paymentId + ":authorize");
        var types = events.readEvents(paymentId).asStream().map(m -> m.getPayloadType().getSimpleName()).toList();
        assertThat(types).containsOnlyOnce("PaymentAuthorizedEvent");
    }

    private static String event(String type, String object) {
        return """
                {"id": "evt_%s", "object": "event", "type": "%s", "api_version": "2024-06-20",
                 "data": {"object": %s}}""".formatted(UUID.randomUUID().toString().replace("-", ""), type, object);
    }

    private static String sign(String payload) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
