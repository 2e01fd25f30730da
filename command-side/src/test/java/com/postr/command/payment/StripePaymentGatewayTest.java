package com.postr.command.payment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.postr.api.common.Money;
import com.postr.api.payment.CardSummary;
import com.postr.command.payment.PaymentGateway.Authorization;
import com.postr.command.payment.PaymentGateway.Declined;
import com.postr.command.payment.PaymentGateway.Indeterminate;
import com.postr.command.payment.PaymentGateway.Succeeded;
import com.stripe.StripeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The real stripe-java client, pointed at a local HTTP stub: what it sends, and how answers map to outcomes. */
class StripePaymentGatewayTest {

    private static WireMockServer stripe;
    private PaymentGateway gateway;

    private static final Authorization SEED_ORDER = new Authorization("pay_1", "ord_1", Money.of("114.76", "USD"),
            "pm_card_visa", "pay_1:authorize");

    @BeforeAll
    static void startStub() {
        stripe = new WireMockServer(wireMockConfig().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stopStub() {
        stripe.stop();
    }

    @BeforeEach
    void setUp() {
        stripe.resetAll();
        gateway = new StripePaymentGateway(StripeClient.builder().setApiKey("sk_test_fixture")
                .setApiBase(stripe.baseUrl()).setMaxNetworkRetries(0).setReadTimeout(1000).build());
    }

    private static String intent(String id, String status) {
        return """
                {"id": "%s", "object": "payment_intent", "status": "%s", "amount": 11476, "currency": "usd",
                 "capture_method": "manual"}""".formatted(id, status);
    }

    @Test
    void authorizesWithManualCaptureInMinorUnitsUnderTheIdempotencyKey() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_123", "requires_capture"))));

        assertThat(gateway.authorize(SEED_ORDER)).isEqualTo(new Succeeded("pi_123"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("pay_1:authorize"))
                .withHeader("Authorization", equalTo("Bearer sk_test_fixture"))
                .withRequestBody(containing("amount=11476"))
                .withRequestBody(containing("currency=usd"))
                .withRequestBody(containing("capture_method=manual"))
                .withRequestBody(containing("confirm=true"))
                .withRequestBody(containing("payment_method=pm_card_visa"))
                .withRequestBody(containing("metadata[payment_id]=pay_1"))
                .withRequestBody(containing("metadata[order_id]=ord_1"))
                .withRequestBody(containing("payment_method_types[0]=card")));
    }

    @Test
    void readsTheCardsBrandAndLastFourDigitsFromTheExpandedPaymentMethod() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson("""
                {"id": "pi_777", "object": "payment_intent", "status": "requires_capture", "amount": 11476,
                 "currency": "usd", "capture_method": "manual",
                 "payment_method": {"id": "pm_1", "object": "payment_method", "type": "card",
                                    "card": {"brand": "mastercard", "last4": "4444", "exp_month": 12}}}""")));

        assertThat(gateway.authorize(SEED_ORDER))
                .isEqualTo(new Succeeded("pi_777", new CardSummary("mastercard", "4444")));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("expand[0]=payment_method")));
    }

    @Test
    void turnsACardErrorIntoADeclineWithItsCode() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds."}}""")));

        assertThat(gateway.authorize(SEED_ORDER))
                .isEqualTo(new Declined("insufficient_funds", "Your card has insufficient funds."));
    }

    @Test
    void treatsAServerErrorAsIndeterminate() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}")));

        assertThat(gateway.authorize(SEED_ORDER)).isInstanceOf(Indeterminate.class);
    }

    @Test
    void treatsATimeoutAsIndeterminate() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(okJson(intent("pi_slow", "requires_capture")).withFixedDelay(3000)));

        assertThat(gateway.authorize(SEED_ORDER)).isInstanceOf(Indeterminate.class);
    }

    @Test
    void declinesWhenTheCardNeedsAuthenticationThisFlowCannotOffer() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(okJson(intent("pi_3ds", "requires_action"))));

        assertThat(gateway.authorize(SEED_ORDER)).isEqualTo(new Declined("authentication_required",
                "The card needs authentication"));
    }

    @Test
    void capturesCancelsAndRefundsUnderTheirOwnKeys() {
        stripe.stubFor(post("/v1/payment_intents/pi_123/capture").willReturn(okJson(intent("pi_123", "succeeded"))));
        stripe.stubFor(post("/v1/payment_intents/pi_456/cancel").willReturn(okJson(intent("pi_456", "canceled"))));
        stripe.stubFor(post("/v1/refunds").willReturn(okJson("""
                {"id": "re_1", "object": "refund", "status": "succeeded", "amount": 500}""")));

        assertThat(gateway.capture("pi_123", Money.of("114.76", "USD"), "pay_1:capture"))
                .isEqualTo(new Succeeded("pi_123"));
        assertThat(gateway.cancel("pi_456", "pay_2:void")).isEqualTo(new Succeeded("pi_456"));
        assertThat(gateway.refund("pi_123", Money.of("5.00", "USD"), "pay_1:refund:1", "pay_1", 1))
                .isEqualTo(new Succeeded("re_1"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_123/capture"))
                .withHeader("Idempotency-Key", equalTo("pay_1:capture"))
                .withRequestBody(containing("amount_to_capture=11476")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_456/cancel"))
                .withHeader("Idempotency-Key", equalTo("pay_2:void")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("pay_1:refund:1"))
                .withRequestBody(containing("payment_intent=pi_123"))
                .withRequestBody(containing("amount=500"))
                .withRequestBody(containing("metadata[refund_number]=1")));
    }

    @Test
    void reconcilesByFindingThePaymentIntentOfAPayment() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("""
                {"object": "search_result", "has_more": false, "data": [%s]}""".formatted(
                intent("pi_found", "requires_capture")))));

        assertThat(gateway.lookup("pay_1")).isEqualTo(new Succeeded("pi_found"));
    }
}
