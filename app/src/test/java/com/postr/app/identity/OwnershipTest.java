package com.postr.app.identity;

import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No BOLA: another customer's carts and orders answer 404, exactly like ids that do not exist. */
@PostrIntegrationTest
class OwnershipTest {

    private static final String CHECKOUT = Shopping.CHECKOUT;

    @LocalServerPort
    int port;

    HttpClient alice;
    HttpClient bob;
    String sku;

    @BeforeEach
    void setUp() {
        alice = Users.customer(port);
        bob = Users.customer(port);
        sku = Inventory.stockedSku(Users.admin(port), "BOLA", 50);
    }

    private String order(HttpClient customer) {
        var placed = customer.post("/api/v1/orders", """
                {"items": [{"sku": "%s", "quantity": 1}],
                 "shipping_address": {"name": "Erika", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                      "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("order_id").asText();
    }

    private void assertLooksAbsent(HttpClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anotherCustomersOrderLooksExactlyLikeAMissingOne() {
        var alicesOrder = order(alice);
        assertThat(alice.get("/api/v1/orders/" + alicesOrder).json().get("customer_id").asText())
                .isEqualTo(Users.userId(alice));

        var stolen = bob.get("/api/v1/orders/" + alicesOrder);
        var missing = bob.get("/api/v1/orders/ord_00000000000000000000000000000000");
        assertLooksAbsent(stolen);
        assertLooksAbsent(missing);
        assertThat(stolen.json().at("/error/message").asText().replace(alicesOrder, "ID"))
                .isEqualTo(missing.json().at("/error/message").asText()
                        .replace("ord_00000000000000000000000000000000", "ID"));
        assertLooksAbsent(bob.post("/api/v1/orders/" + alicesOrder + "/cancel", ""));
        assertThat(alice.get("/api/v1/orders/" + alicesOrder).json().get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void eachCustomerListsOnlyTheirOwnOrdersWhateverTheyAskFor() {
        var alicesOrder = order(alice);
        var bobsOrder = order(bob);
        var bobsList = bob.get("/api/v1/orders?limit=100&customer_id=" + Users.userId(alice)).json();
        assertThat(bobsList.get("data").findValuesAsText("order_id")).contains(bobsOrder).doesNotContain(alicesOrder);
        assertThat(bobsList.at("/pagination/total_items").asLong()).isEqualTo(1);
    }

    @Test
    void customersCancelTheirOwnOrdersWithTheirOwnNameOnIt() {
        var alicesOrder = order(alice);
        var cancelled = alice.post("/api/v1/orders/" + alicesOrder + "/cancel", "{\"note\": \"changed my mind\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().at("/cancellation/cancelled_by").asText()).isEqualTo(Users.userId(alice));
        // a customer may not claim a reason only support records
        var other = order(alice);
        var refused = alice.post("/api/v1/orders/" + other + "/cancel", "{\"reason\": \"MERCHANT_DECISION\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void staffSeeEveryCustomersOrdersAndPartnersOnlyTheirOwn() {
        var alicesOrder = order(alice);
        var support = Users.withRole(port, "support");
        assertThat(support.get("/api/v1/orders/" + alicesOrder).status()).isEqualTo(200);
        var filtered = support.get("/api/v1/orders?customer_id=" + Users.userId(alice)).json();
        assertThat(filtered.get("data").findValuesAsText("order_id")).containsExactly(alicesOrder);
        assertThat(support.get("/api/v1/orders/" + alicesOrder + "/events").status()).isEqualTo(200);

        var partner = Users.withRole(port, "partner");
        var partnersOrder = order(partner);
        assertLooksAbsent(partner.get("/api/v1/orders/" + alicesOrder));
        assertThat(partner.get("/api/v1/orders").json().get("data").findValuesAsText("order_id"))
                .containsExactly(partnersOrder);
        assertThat(partner.post("/api/v1/orders/" + partnersOrder + "/cancel", "").status()).isEqualTo(403);
    }

    @Test
    void anotherCustomersCartLooksMissingForReadsAndWrites() {
        var cart = alice.post("/api/v1/carts", "").json().get("cart_id").asText();
        assertThat(alice.post("/api/v1/carts/" + cart + "/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}")
                .status()).isEqualTo(200);

        assertLooksAbsent(bob.get("/api/v1/carts/" + cart));
        assertLooksAbsent(bob.post("/api/v1/carts/" + cart + "/items", "{\"sku\": \"" + sku + "\", \"quantity\": 5}"));
        assertLooksAbsent(bob.send("DELETE", "/api/v1/carts/" + cart + "/items", null, Map.of()));
        assertLooksAbsent(bob.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT));
        assertLooksAbsent(bob.post("/api/v1/carts/" + cart + "/claim", ""));
        assertLooksAbsent(new HttpClient(port).get("/api/v1/carts/" + cart));

        var unchanged = alice.get("/api/v1/carts/" + cart).json();
        assertThat(unchanged.get("items_count").asInt()).isEqualTo(1);
        assertThat(Users.withRole(port, "support").get("/api/v1/carts/" + cart).status()).isEqualTo(200);
    }

    @Test
    void aGuestCartAnswersOnlyToItsTokenAndJoinsTheAccountOnLogin() {
        var guest = new HttpClient(port);
        var created = guest.post("/api/v1/carts", "");
        assertThat(created.status()).isEqualTo(201);
        var cart = created.json().get("cart_id").asText();
        var token = created.json().get("cart_token").asText();
        assertThat(token).hasSizeGreaterThan(40).isEqualTo(created.header("X-Cart-Token"));
        assertThat(created.json().get("customer_id").isNull()).isTrue();

        var holder = guest.withHeader("X-Cart-Token", token);
        assertThat(holder.post("/api/v1/carts/" + cart + "/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}")
                .status()).isEqualTo(200);
        assertThat(holder.get("/api/v1/carts/" + cart).json().has("cart_token")).isFalse(); // shown once
        assertLooksAbsent(guest.get("/api/v1/carts/" + cart));
        assertLooksAbsent(guest.withHeader("X-Cart-Token", token + "x").get("/api/v1/carts/" + cart));
        assertLooksAbsent(bob.get("/api/v1/carts/" + cart));
        // a guest must sign in to check out
        assertThat(holder.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT).status()).isEqualTo(401);

        var email = Users.uniqueEmail("guest");
        var userId = Users.register(guest, email);
        var login = guest.post("/api/v1/auth/login", """
                {"email": "%s", "password": "%s", "cart_id": "%s", "cart_token": "%s"}"""
                .formatted(email, Users.PASSWORD, cart, token));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        var customer = guest.withToken(login.json().get("access_token").asText());

        var claimed = customer.get("/api/v1/carts/" + cart).json();
        assertThat(claimed.get("customer_id").asText()).isEqualTo(userId);
        assertThat(claimed.get("items_count").asInt()).isEqualTo(2);
        // once it is someone's, the guest token no longer opens it
        assertLooksAbsent(guest.anonymous().withHeader("X-Cart-Token", token).get("/api/v1/carts/" + cart));

        var checkout = customer.post("/api/v1/carts/" + cart + "/checkout", CHECKOUT);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        var order = customer.get("/api/v1/orders/" + checkout.json().get("order_id").asText()).json();
        assertThat(order.get("customer_id").asText()).isEqualTo(userId);
        assertLooksAbsent(bob.get("/api/v1/orders/" + checkout.json().get("order_id").asText()));
    }

    @Test
    void aSignedInShopperClaimsAGuestCartWithItsToken() {
        var created = new HttpClient(port).post("/api/v1/carts", "").json();
        var cart = created.get("cart_id").asText();
        assertLooksAbsent(alice.post("/api/v1/carts/" + cart + "/claim", ""));
        var claimed = alice.withHeader("X-Cart-Token", created.get("cart_token").asText())
                .post("/api/v1/carts/" + cart + "/claim", "");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().get("customer_id").asText()).isEqualTo(Users.userId(alice));
        assertLooksAbsent(bob.withHeader("X-Cart-Token", created.get("cart_token").asText())
                .post("/api/v1/carts/" + cart + "/claim", ""));
    }
}
