package com.postr.app.identity;

import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role × endpoint matrix of docs/security.md, called for real by a guest and by each role. Allowed means the
 * request got past the role check (whatever it then answers: 404 for made-up ids, 400 for empty bodies);
 * refused means 401 for a guest and 403 for a signed-in role. Every endpoint in the OpenAPI document must be in
 * the matrix, so a new endpoint cannot slip in without a rule.
 */
@PostrIntegrationTest
class AccessMatrixTest {

    private static final String ALL = "guest customer partner support admin auditor analyst";
    private static final String SIGNED_IN = "customer partner support admin auditor analyst";
    /** What guests may change, and signed-in callers; never an auditor or an analyst, who change nothing. */
    private static final String ALL_BUT_AUDITORS = "guest customer partner support admin";
    private static final String SIGNED_IN_BUT_AUDITORS = "customer partner support admin";
    private static final String STAFF = "support admin";
    private static final String HISTORY_READERS = "support admin auditor";
    private static final String BUYERS = "customer partner admin";

    /** "METHOD path" → who may call it (the docs/security.md matrix). */
    private static final Map<String, String> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("POST /api/v1/auth/register", ALL);
        MATRIX.put("POST /api/v1/auth/login", ALL);
        MATRIX.put("POST /api/v1/auth/refresh", ALL);
        MATRIX.put("POST /api/v1/auth/logout", ALL);
        MATRIX.put("GET /.well-known/jwks.json", ALL);
        MATRIX.put("GET /api/v1/users/me", SIGNED_IN);
        MATRIX.put("PATCH /api/v1/users/me", SIGNED_IN_BUT_AUDITORS);
        MATRIX.put("GET /api/v1/users", STAFF);
        MATRIX.put("GET /api/v1/users/{userId}", STAFF);
        MATRIX.put("PATCH /api/v1/users/{userId}", "admin");
        MATRIX.put("GET /api/v1/products", ALL);
        MATRIX.put("GET /api/v1/products/search", ALL);
        MATRIX.put("GET /api/v1/admin/search-index", "admin");
        MATRIX.put("GET /api/v1/admin/processors", "admin");
        MATRIX.put("GET /api/v1/admin/processors/{name}", "admin");
        MATRIX.put("POST /api/v1/admin/processors/{name}/stop", "admin");
        MATRIX.put("POST /api/v1/admin/processors/{name}/start", "admin");
        MATRIX.put("POST /api/v1/admin/processors/{name}/reset", "admin");
        MATRIX.put("GET /api/v1/admin/dead-letters", "admin");
        MATRIX.put("GET /api/v1/admin/dead-letters/{id}", "admin");
        MATRIX.put("POST /api/v1/admin/dead-letters/{id}/retry", "admin");
        MATRIX.put("POST /api/v1/admin/processors/{name}/dead-letters/retry", "admin");
        MATRIX.put("DELETE /api/v1/admin/dead-letters/{id}", "admin");
        MATRIX.put("GET /api/v1/admin/reconciliation", "admin");
        MATRIX.put("POST /api/v1/admin/projections/{name}/rebuilds", "admin");
        MATRIX.put("GET /api/v1/admin/projections/{name}/rebuilds/{id}", "admin");
        MATRIX.put("DELETE /api/v1/admin/projections/{name}/rebuilds/{id}", "admin");
        MATRIX.put("GET /api/v1/admin/sagas", "admin");
        MATRIX.put("GET /api/v1/admin/sagas/{sagaId}", "admin");
        MATRIX.put("POST /api/v1/admin/sagas/{sagaId}/retry", "admin");
        MATRIX.put("POST /api/v1/admin/sagas/{sagaId}/compensate", "admin");
        MATRIX.put("DELETE /api/v1/admin/sagas/{sagaId}", "admin");
        MATRIX.put("POST /api/v1/admin/search-index/rebuilds", "admin");
        MATRIX.put("GET /api/v1/products/{productId}", ALL);
        MATRIX.put("GET /api/v1/products/{productId}/events", HISTORY_READERS);
        MATRIX.put("POST /api/v1/products", "admin");
        MATRIX.put("PATCH /api/v1/products/{productId}", "admin");
        MATRIX.put("POST /api/v1/products/{productId}/variants", "admin");
        MATRIX.put("PATCH /api/v1/products/{productId}/variants/{sku}", "admin");
        MATRIX.put("POST /api/v1/products/{productId}/discontinue", "admin");
        MATRIX.put("GET /api/v1/inventory/{sku}", STAFF);
        MATRIX.put("POST /api/v1/inventory/{sku}/receipts", "admin");
        MATRIX.put("POST /api/v1/inventory/{sku}/adjustments", "admin");
        MATRIX.put("POST /api/v1/inventory/{sku}/reservations", "admin");
        MATRIX.put("DELETE /api/v1/inventory/{sku}/reservations/{orderId}", "admin");
        MATRIX.put("POST /api/v1/inventory/{sku}/reservations/{orderId}/commit", "admin");
        MATRIX.put("GET /api/v1/promo-codes", STAFF);
        MATRIX.put("GET /api/v1/promo-codes/{code}", STAFF);
        MATRIX.put("POST /api/v1/promo-codes", "admin");
        MATRIX.put("POST /api/v1/promo-codes/{code}/deactivate", "admin");
        MATRIX.put("POST /api/v1/carts", ALL_BUT_AUDITORS);
        MATRIX.put("GET /api/v1/carts/{cartId}", ALL);
        MATRIX.put("POST /api/v1/carts/{cartId}/items", ALL_BUT_AUDITORS);
        MATRIX.put("PATCH /api/v1/carts/{cartId}/items/{sku}", ALL_BUT_AUDITORS);
        MATRIX.put("DELETE /api/v1/carts/{cartId}/items/{sku}", ALL_BUT_AUDITORS);
        MATRIX.put("DELETE /api/v1/carts/{cartId}/items", ALL_BUT_AUDITORS);
        MATRIX.put("PUT /api/v1/carts/{cartId}/promo-code", ALL_BUT_AUDITORS);
        MATRIX.put("DELETE /api/v1/carts/{cartId}/promo-code", ALL_BUT_AUDITORS);
        MATRIX.put("POST /api/v1/carts/{cartId}/claim", SIGNED_IN_BUT_AUDITORS);
        MATRIX.put("POST /api/v1/carts/{cartId}/checkout", BUYERS);
        MATRIX.put("POST /api/v1/orders", BUYERS);
        MATRIX.put("GET /api/v1/orders", "customer partner support admin");
        MATRIX.put("GET /api/v1/orders/{orderId}", "customer partner support admin");
        MATRIX.put("GET /api/v1/orders/{orderId}/status-stream", "customer partner support admin");
        MATRIX.put("GET /api/v1/orders/{orderId}/events", HISTORY_READERS);
        MATRIX.put("GET /api/v1/audit/log", "admin auditor");
        MATRIX.put("GET /api/v1/analytics/sales", "admin analyst");
        MATRIX.put("GET /api/v1/analytics/orders", "admin analyst");
        MATRIX.put("GET /api/v1/analytics/products/top", "admin analyst");
        MATRIX.put("GET /api/v1/analytics/funnel", "admin analyst");
        MATRIX.put("GET /api/v1/analytics/payments", "admin analyst");
        MATRIX.put("GET /api/v1/analytics/promo-codes", "admin analyst");
        MATRIX.put("GET /api/v1/audit/orders/{orderId}/events", "admin auditor");
        MATRIX.put("GET /api/v1/audit/orders/{orderId}", "admin auditor");
        MATRIX.put("GET /api/v1/audit/events", "admin auditor");
        MATRIX.put("GET /api/v1/audit/orders/{orderId}/verify", "admin auditor");
        MATRIX.put("POST /api/v1/orders/{orderId}/cancel", "customer support admin");
        MATRIX.put("POST /api/v1/orders/{orderId}/confirm", "admin");
        MATRIX.put("POST /api/v1/orders/{orderId}/process", STAFF);
        MATRIX.put("POST /api/v1/orders/{orderId}/ship", STAFF);
        MATRIX.put("POST /api/v1/orders/{orderId}/deliver", STAFF);
        MATRIX.put("POST /api/v1/orders/{orderId}/refunds", STAFF);
        MATRIX.put("POST /api/v1/payments/stripe/webhook", ALL); // Stripe signs it instead
        MATRIX.put("GET /actuator/health", ALL);
        MATRIX.put("GET /actuator/prometheus", "admin");
    }

    @LocalServerPort
    int port;

    Map<String, HttpClient> callers;

    @BeforeEach
    void setUp() {
        callers = new LinkedHashMap<>();
        callers.put("guest", new HttpClient(port));
        callers.put("customer", Users.customer(port));
        callers.put("partner", Users.withRole(port, "partner"));
        callers.put("support", Users.withRole(port, "support"));
        callers.put("admin", Users.admin(port));
        callers.put("auditor", Users.withRole(port, "auditor"));
        callers.put("analyst", Users.withRole(port, "analyst"));
    }

    @Test
    void everyRoleReachesExactlyTheEndpointsTheMatrixGivesIt() {
        var wrong = new ArrayList<String>();
        MATRIX.forEach((endpoint, allowed) -> {
            var method = endpoint.substring(0, endpoint.indexOf(' '));
            var path = concrete(endpoint.substring(endpoint.indexOf(' ') + 1));
            var body = Set.of("GET", "DELETE").contains(method) ? null : "{}";
            callers.forEach((role, http) -> {
                var response = http.send(method, path, body, body == null ? Map.of()
                        : Map.of("Content-Type", "application/json"));
                var mayCall = List.of(allowed.split(" ")).contains(role);
                var refused = response.status() == 401 || response.status() == 403;
                if (mayCall == refused || refused && response.status() != (role.equals("guest") ? 401 : 403)) {
                    wrong.add(role + " " + endpoint + " -> " + response.status() + " " + response.body());
                } else if (refused) {
                    // refusals are in the standard error format too
                    assertThat(response.errorCode()).isEqualTo(role.equals("guest") ? "UNAUTHORIZED" : "FORBIDDEN");
                }
            });
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * HEAD runs the GET handler, so it must be refused exactly where GET is and must never tell more: for every
     * GET route and every caller, on missing ids and on a real order, cart and user of customer A.
     */
    @Test
    void headAnswersExactlyWhatGetWouldForEveryRouteAndCaller() {
        var owner = callers.get("customer");
        callers.put("customer_b", Users.customer(port));
        var sku = com.postr.app.support.Inventory.stockedSku(callers.get("admin"), "HEAD", 5);
        var order = owner.post("/api/v1/orders", com.postr.app.support.Shopping.orderOf(sku, 1));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        var orderId = order.json().get("order_id").asText();
        var cartId = owner.post("/api/v1/carts", "{}").json().get("cart_id").asText();
        var userId = owner.get("/api/v1/users/me").json().get("user_id").asText();

        var paths = new ArrayList<String>();
        MATRIX.keySet().stream().filter(endpoint -> endpoint.startsWith("GET ")).map(e -> e.substring(4))
                .forEach(template -> {
                    paths.add(concrete(template));
                    if (template.endsWith("/status-stream")) {
                        return; // a live order's stream does not end; OrderStatusStreamTest covers who may open it
                    }
                    paths.add(template.replace("{orderId}", orderId).replace("{cartId}", cartId)
                            .replace("{userId}", userId).replace("{productId}", "prod_missing")
                            .replace("{sku}", sku).replace("{code}", "NOPE_CODE").replace("{name}", "order-history")
                            .replace("{id}", "dl_missing").replace("{sagaId}", "saga_missing"));
                });
        paths.add("/api/v1/users?email=customer");
        var wrong = new ArrayList<String>();
        for (var path : paths) {
            callers.forEach((role, http) -> {
                var get = http.get(path);
                var head = http.send("HEAD", path, null, Map.of());
                if (head.status() != get.status()) {
                    wrong.add(role + " HEAD " + path + " -> " + head.status() + ", GET -> " + get.status());
                }
                if (!head.body().isEmpty()) {
                    wrong.add(role + " HEAD " + path + " has a body");
                }
            });
        }
        assertThat(wrong).isEmpty();
        // and what GET says of another customer's order is what it says of no order at all
        var other = callers.get("customer_b");
        assertThat(other.get("/api/v1/orders/" + orderId).status()).isEqualTo(404);
        assertThat(other.send("HEAD", "/api/v1/orders/" + orderId + "/events", null, Map.of()).status())
                .isEqualTo(403);
        assertThat(other.send("HEAD", "/api/v1/users/" + userId, null, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void everyDocumentedEndpointHasARuleInTheMatrix() {
        var documented = new TreeSet<String>();
        var paths = callers.get("guest").get("/v3/api-docs").json().get("paths");
        paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase() + " " + path)));
        assertThat(documented).isNotEmpty();
        assertThat(MATRIX.keySet()).containsAll(documented);
    }

    private static String concrete(String template) {
        return template.replace("{productId}", "prod_missing").replace("{sku}", "NOPE-SKU1")
                .replace("{orderId}", "ord_missing").replace("{cartId}", "cart_missing")
                .replace("{code}", "NOPE_CODE").replace("{userId}", "usr_missing")
                .replace("{name}", "no-such-processor").replace("{id}", "dl_missing")
                .replace("{sagaId}", "saga_missing");
    }
}
