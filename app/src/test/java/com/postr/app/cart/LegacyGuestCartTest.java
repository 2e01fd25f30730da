package com.postr.app.cart;

import com.postr.api.cart.GuestCartToken;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest cart opened before its token moved into the Cart (a revision-1 CartCreatedEvent, stored as it was
 * then, with the token's hash in the edge's old table) still answers to its token, and can still be claimed.
 */
@PostrIntegrationTest
class LegacyGuestCartTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOldGuestCartStillAnswersToItsTokenAndJoinsTheAccountThatShowsIt() {
        var cartId = "cart_" + UUID.randomUUID().toString().replace("-", "");
        var token = "ct_old-token-" + UUID.randomUUID();
        // the row and the event exactly as the previous release wrote them
        jdbc.update("INSERT INTO guest_cart_token (cart_id, token_hash, created_at) VALUES (?, ?, now())", cartId,
                HexFormat.of().parseHex(GuestCartToken.hash(token)));
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 0, 'Cart', ?, ?, ?, NULL, 'com.postr.api.cart.CartCreatedEvent', ?)""",
                cartId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"cartId\":{\"value\":\"" + cartId + "\"},\"customerId\":null}").getBytes(StandardCharsets.UTF_8),
                Instant.now().toString());

        var holder = new HttpClient(port).withHeader("X-Cart-Token", token);
        var cart = Eventually.assertThat(() -> holder.get("/api/v1/carts/" + cartId), r -> r.status() == 200);
        assertThat(cart.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(new HttpClient(port).get("/api/v1/carts/" + cartId).status()).isEqualTo(404);

        var customer = Users.customer(port);
        assertThat(customer.post("/api/v1/carts/" + cartId + "/claim", "").status()).isEqualTo(404);
        var claimed = customer.withHeader("X-Cart-Token", token).post("/api/v1/carts/" + cartId + "/claim", "");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().get("customer_id").asText()).isEqualTo(Users.userId(customer));
    }
}
