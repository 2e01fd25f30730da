package com.postr.app.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.api.common.Rejection;
import com.postr.api.payment.PaymentId;
import com.postr.api.payment.RecordPaymentAuthorizedCommand;
import com.postr.api.payment.RecordPaymentCapturedCommand;
import com.postr.api.payment.RecordPaymentDeclinedCommand;
import com.postr.api.payment.RecordPaymentRefundedCommand;
import com.postr.api.payment.RecordPaymentVoidedCommand;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.postr.command.spi.PaymentProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

/**
 * Stripe's notifications about payments. The signature is checked with the endpoint's secret and a timestamp
 * tolerance, so forged or replayed deliveries are refused (400) and change nothing. Each event is acted on
 * once: deliveries of an event id already handled are acknowledged and ignored. The events become the same
 * commands the gateway worker sends, which are idempotent, so a webhook and the worker reporting one outcome
 * agree.
 */
@RestController
@Tag(name = "Payments", description = "Payment provider callbacks")
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Commands commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String secret;
    private final long toleranceSeconds;

    StripeWebhookController(Commands commands, JdbcTemplate jdbc, Clock clock, PaymentProperties properties) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.secret = properties.stripe().webhookSecret();
        this.toleranceSeconds = properties.stripe().webhookToleranceSeconds();
    }

    @PostMapping(path = "/api/v1/payments/stripe/webhook", consumes = "*/*")
    @Operation(summary = "Stripe webhook: payment_intent and refund events, verified by Stripe-Signature")
    Map<String, Object> receive(@RequestBody String payload,
                                @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        if (secret.isBlank()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Stripe webhooks are not configured", Map.of());
        }
        if (signature == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Stripe-Signature header is missing", Map.of());
        }
        try {
            Webhook.constructEvent(payload, signature, secret, toleranceSeconds);
        } catch (SignatureVerificationException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Stripe-Signature does not verify: " + e.getMessage(),
                    Map.of());
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The event is not valid JSON", Map.of());
        }
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The event is not valid JSON", Map.of());
        }
        var id = event.path("id").asText();
        var type = event.path("type").asText();
        if (jdbc.queryForObject("select count(*) from stripe_webhook_event where event_id = ?", Integer.class, id) > 0) {
            return Map.of("received", true, "duplicate", true);
        }
        boolean handled = act(type, event.path("data").path("object"));
        // recorded only after acting: a failure above answers 5xx and Stripe delivers again
        jdbc.update("insert into stripe_webhook_event (event_id, type, received_at) values (?, ?, ?) "
                + "on conflict (event_id) do nothing", id, type, Timestamp.from(clock.instant()));
        return Map.of("received", true, "handled", handled);
    }

    private boolean act(String type, JsonNode object) {
        var paymentId = object.path("metadata").path("payment_id").asText(null);
        if (paymentId == null) {
            return false; // not one of ours (another integration on the same Stripe account)
        }
        var payment = new PaymentId(paymentId);
        Object command = switch (type) {
            case "payment_intent.amount_capturable_updated" ->
                    new RecordPaymentAuthorizedCommand(payment, object.path("id").asText());
            case "payment_intent.payment_failed" -> new RecordPaymentDeclinedCommand(payment,
                    declineCode(object.path("last_payment_error")),
                    object.path("last_payment_error").path("message").asText("The payment was declined"));
            case "payment_intent.canceled" -> new RecordPaymentVoidedCommand(payment);
            case "payment_intent.succeeded" -> new RecordPaymentCapturedCommand(payment);
            case "refund.created", "refund.updated" -> "succeeded".equals(object.path("status").asText())
                    ? new RecordPaymentRefundedCommand(payment,
                    object.path("metadata").path("refund_number").asInt(0), object.path("id").asText())
                    : null;
            default -> null;
        };
        if (command == null) {
            return false;
        }
        try {
            commands.send(command);
            return true;
        } catch (CommandExecutionException e) {
            var rejection = e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast);
            if (rejection.isPresent()) {
                // the payment is past that point (or never had it); redelivering would not change that
                log.info("Stripe event {} for {} does not apply: {}", type, paymentId, rejection.get().message());
                return false;
            }
            throw e;
        }
    }

    private static String declineCode(JsonNode error) {
        var decline = error.path("decline_code").asText(null);
        return decline != null ? decline : error.path("code").asText("generic_decline");
    }
}
