package com.postr.app.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation email, sent over SMTP to a real in-process mail server. */
@PostrIntegrationTest
class OrderConfirmationEmailTest {

    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String placeOrder(HttpClient http, String contact) {
        var sku = uniqueSku("MAIL");
        assertThat(http.post("/api/v1/products", registration("Mail poster", "mail", sku)).status()).isEqualTo(201);
        Inventory.receive(http, sku, 5);
        var order = http.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 2}], %s
                 "shipping_address": {"name": "Erika Mustermann", "street": "Heidestr. 17", "city": "Köln",
                                      "zip": "51147", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}"""
                .formatted(sku, contact == null ? "" : "\"contact_email\": \"" + contact + "\","));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        // checkout reserved the stock and the card was authorized: confirmed, which is what sends the email
        assertThat(order.json().get("status").asText()).isEqualTo("CONFIRMED");
        return order.json().get("order_id").asText();
    }

    @Test
    void emailsTheCustomerWhenTheOrderIsConfirmed() throws Exception {
        var http = Users.admin(port);
        var orderId = placeOrder(http, "erika@example.com");

        assertThat(MAIL.waitForIncomingEmail(15_000, 1)).isTrue();
        MimeMessage email = MAIL.getReceivedMessages()[0];
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("erika@example.com");
        assertThat(email.getSubject()).contains(orderId).contains("confirmed");
        var body = email.getContent().toString();
        assertThat(body).contains("Erika Mustermann").contains("2 × Mail poster").contains("Total     76.28 EUR");
    }

    @Test
    void sendsNothingWithoutAContactAddressAndRefusesAMalformedOne() {
        var http = Users.admin(port);
        placeOrder(http, null);
        assertThat(MAIL.waitForIncomingEmail(2_000, 1)).isFalse();

        var sku = uniqueSku("MAIL");
        http.post("/api/v1/products", registration("Mail poster", "mail", sku));
        var bad = http.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}], "contact_email": "not an address",
                 "shipping_address": {"name": "E", "street": "S", "city": "C", "zip": "1", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku));
        assertThat(bad.errorCode()).isEqualTo("VALIDATION_ERROR");
    }
}
