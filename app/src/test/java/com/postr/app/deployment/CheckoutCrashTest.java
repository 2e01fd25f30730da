package com.postr.app.deployment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.postr.app.support.AppProcess;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as a separate process, killed with SIGKILL while an order holds stock and its payment is in flight at
 * "Stripe" (a local stub the real stripe-java client talks to), then started again on the same data directory.
 * The persistent payment deadline must bring the order to a terminal state, release its stock, and void the
 * authorization the provider made, which was asked for under one idempotency key only.
 */
class CheckoutCrashTest {

    private static final String INTENT = """
            {"id": "pi_crash", "object": "payment_intent", "status": "%s", "amount": 7128, "currency": "eur",
             "capture_method": "manual"}""";

    private final WireMockServer stripe = new WireMockServer(options().dynamicPort());
    private final List<AppProcess> processes = new ArrayList<>();
    private Path dataDir;

    @BeforeEach
    void setUp() throws IOException {
        stripe.start();
        // the provider takes far longer than the crash: the authorization is in flight when the app dies
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(okJson(INTENT.formatted("requires_capture")).withFixedDelay(60_000)));
        // afterwards the provider shows that it did authorize, and lets the authorization be cancelled
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson(
                "{\"object\": \"search_result\", \"has_more\": false, \"data\": [" + INTENT.formatted("requires_capture")
                        + "]}")));
        stripe.stubFor(post("/v1/payment_intents/pi_crash/cancel").willReturn(okJson(INTENT.formatted("canceled"))));
        dataDir = Path.of("target", "crash-test", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (var process : processes) {
            process.close();
        }
        stripe.stop();
        // the database is large and no longer needed; the two app logs stay for diagnosis
        FileSystemUtils.deleteRecursively(dataDir.resolve("postgres"));
    }

    @Test
    void killedMidPaymentTheOrderStillEndsAndNothingLeaksOrIsChargedTwice() throws Exception {
        int port = AppProcess.freePort();
        var first = start(port, "first");
        // the token outlives the first process: the signing keys are in the database
        var http = Users.admin(new HttpClient(port), "crash:" + port);
        var sku = Inventory.stockedSku(http, "CRASH", 5);

        var placed = http.post("/api/v1/orders", com.postr.app.support.Shopping.orderOf(sku, 2));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var orderId = placed.json().get("order_id").asText();
        Eventually.assertThat(() -> http.get("/api/v1/inventory/" + sku).json().get("reserved").asInt(), r -> r == 2);
        Eventually.assertThat(() -> stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))).size(),
                n -> n == 1);
        assertThat(http.get("/api/v1/orders/" + orderId).json().get("status").asText()).isEqualTo("PENDING");

        first.kill(); // SIGKILL: no shutdown hooks, no graceful anything

        start(port, "second");
        var order = Eventually.assertThat(() -> http.get("/api/v1/orders/" + orderId).json(),
                o -> o.get("status").asText().equals("CANCELLED"), Duration.ofSeconds(60));
        assertThat(order.at("/cancellation/reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        var stock = Eventually.assertThat(() -> http.get("/api/v1/inventory/" + sku).json(),
                s -> s.get("reserved").asInt() == 0);
        assertThat(stock.get("available").asInt()).isEqualTo(5);
        assertThat(stock.get("on_hand").asInt()).isEqualTo(5);

        // one authorization was asked for, under the payment's key: the restarted app resent the call it had in
        // flight (its outbox), with the same key, so the provider counts it once; what it held is released
        List<LoggedRequest> authorizations = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(authorizations).isNotEmpty();
        assertThat(authorizations.stream().map(r -> r.getHeader("Idempotency-Key")).distinct().toList())
                .singleElement().satisfies(key -> assertThat(key).endsWith(":authorize"));
        Eventually.assertThat(() -> stripe.findAll(
                postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_crash/cancel"))).size(), n -> n == 1);
        var payment = http.get("/api/v1/orders/" + orderId + "/events").json();
        assertThat(payment.get("events").findValuesAsText("type")).doesNotContain("OrderConfirmedEvent");
    }

    private AppProcess start(int port, String name) throws Exception {
        var app = AppProcess.start(dataDir, name, port, List.of(
                "--postr.payments.stripe.secret-key=sk_test_crash_fixture",
                "--postr.payments.stripe.api-base=http://127.0.0.1:" + stripe.port(),
                "--postr.payments.stripe.timeout=90s",
                "--postr.payments.stripe.network-retries=0",
                "--postr.checkout.payment-timeout=8s",
                "--db-scheduler.polling-interval=1s"));
        processes.add(app);
        return app;
    }
}
