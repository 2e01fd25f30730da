package com.postr.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.OpenApiSchemas;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Products;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static com.postr.app.support.OpenApiSchemas.text;
import static com.postr.app.support.OpenApiSchemas.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the API, as a frontend team uses it: a client generated from {@code /v3/api-docs}
 * builds each request from the document's own schemas and examples, filling in only the ids of things it created
 * before (as such a client would), and expects the answer the document declares for that operation. Every
 * operation is called; each must accept its request (2xx) and answer a body that validates against the declared
 * schema for the status it gave, strictly: no undeclared property, no missing required one.
 */
@PostrIntegrationTest
class OpenApiConformanceTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String WEBHOOK_SECRET = "whsec_test_fixture_only";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    /** One operation's call: who calls, the path's ids, edits to the body built from the document, headers. */
    private record Call(HttpClient caller, Map<String, String> pathIds, Function<JsonNode, JsonNode> body,
                        Map<String, String> headers, Integer expected) {

        static Call by(HttpClient caller, Map<String, String> pathIds) {
            return new Call(caller, pathIds, b -> b, Map.of(), null);
        }

        Call body(Function<JsonNode, JsonNode> edit) {
            return new Call(caller, pathIds, body.andThen(edit), headers, expected);
        }

        Call header(String name, String value) {
            var all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Call(caller, pathIds, body, all, expected);
        }

        /** A documented refusal that is the right answer here (the operation does not apply to this setup). */
        Call refusedWith(int status) {
            return new Call(caller, pathIds, body, headers, status);
        }
    }

    private final Map<String, Supplier<Call>> steps = new LinkedHashMap<>();
    private final Map<String, JsonNode> answers = new LinkedHashMap<>();

    private void step(String operation, Supplier<Call> call) {
        steps.put(operation, call);
    }

    private JsonNode answer(String operation) {
        return answers.get(operation);
    }

    @Test
    void everyOperationAcceptsWhatItsDocumentDescribesAndAnswersWhatItDeclares() {
        var admin = Users.admin(port);
        var document = admin.get("/v3/api-docs").json();
        var schemas = new OpenApiSchemas(document);
        assertNamesAreSnakeCase(document);

        var customer = Users.customer(port);
        var customerId = Users.userId(customer);
        var anonymous = new HttpClient(port);
        var sku = Inventory.stockedSku(admin, "DOC", 500);
        var productId = productOf(admin, sku);
        var singleVariant = productOf(admin, Inventory.stockedSku(admin, "ONE", 100));
        var toDiscontinue = productOf(admin, Inventory.stockedSku(admin, "OLD", 0));
        var promo = "DOC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var reservedFor = "ord_doc_" + UUID.randomUUID().toString().replace("-", "");
        var email = Users.uniqueEmail("doc");

        // identity
        step("POST /api/v1/auth/register", () -> Call.by(anonymous, Map.of())
                .body(b -> with(b, "/email", text(email))));
        step("POST /api/v1/auth/login", () -> Call.by(anonymous, Map.of())
                .body(b -> with(with(b, "/email", text(email)), "/password", text("correct horse battery"))));
        step("POST /api/v1/auth/refresh", () -> Call.by(anonymous, Map.of()).body(b -> with(b, "/refresh_token",
                answer("POST /api/v1/auth/login").get("refresh_token"))));
        step("POST /api/v1/auth/logout", () -> Call.by(anonymous, Map.of()).body(b -> with(b, "/refresh_token",
                answer("POST /api/v1/auth/refresh").get("refresh_token"))));
        step("GET /api/v1/users/me", () -> Call.by(customer, Map.of()));
        step("PATCH /api/v1/users/me", () -> Call.by(customer, Map.of()));
        step("GET /api/v1/users", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/users/{userId}", () -> Call.by(admin, Map.of("userId", customerId)));
        step("PATCH /api/v1/users/{userId}", () -> Call.by(admin, Map.of("userId", customerId)));
        step("GET /.well-known/jwks.json", () -> Call.by(anonymous, Map.of()));
        step("GET /api/v1/audit/log", () -> Call.by(admin, Map.of()));

        // analytics (the default range: the last 30 days)
        step("GET /api/v1/analytics/sales", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/analytics/orders", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/analytics/products/top", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/analytics/funnel", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/analytics/payments", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/analytics/promo-codes", () -> Call.by(admin, Map.of()));

        // event processors: the analytics one is stopped, started and replayed (nothing else reads it here)
        step("GET /api/v1/admin/processors", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/admin/processors/{name}", () -> Call.by(admin, Map.of("name", "order-history")));
        step("POST /api/v1/admin/processors/{name}/stop", () -> Call.by(admin, Map.of("name", "analytics")));
        step("POST /api/v1/admin/processors/{name}/start", () -> Call.by(admin, Map.of("name", "analytics")));
        step("POST /api/v1/admin/processors/{name}/reset", () -> Call.by(admin, Map.of("name", "analytics")));

        // catalog and stock
        step("POST /api/v1/products", () -> Call.by(admin, Map.of())
                .body(b -> with(b, "/variants/0/sku", text(Products.uniqueSku("NEW")))));
        step("GET /api/v1/products", () -> Call.by(anonymous, Map.of()));
        step("GET /api/v1/products/{productId}", () -> Call.by(anonymous, Map.of("productId", productId)));
        step("GET /api/v1/products/{productId}/events", () -> Call.by(admin, Map.of("productId", productId)));
        step("GET /api/v1/products/search", () -> Call.by(anonymous, Map.of()));
        step("PATCH /api/v1/products/{productId}", () -> Call.by(admin, Map.of("productId", productId)));
        step("POST /api/v1/products/{productId}/variants", () -> Call.by(admin, Map.of("productId", productId))
                .body(b -> with(b, "/sku", text(Products.uniqueSku("VAR")))));
        step("PATCH /api/v1/products/{productId}/variants/{sku}", () -> Call.by(admin,
                Map.of("productId", productId, "sku", sku)));
        step("POST /api/v1/products/{productId}/discontinue", () -> Call.by(admin,
                Map.of("productId", toDiscontinue)));
        step("GET /api/v1/admin/search-index", () -> Call.by(admin, Map.of()));
        // the PostgreSQL engine (the default) has no index to rebuild; the document says so with this 409
        step("POST /api/v1/admin/search-index/rebuilds", () -> Call.by(admin, Map.of()).refusedWith(409));
        step("POST /api/v1/inventory/{sku}/receipts", () -> Call.by(admin, Map.of("sku", sku)));
        step("POST /api/v1/inventory/{sku}/adjustments", () -> Call.by(admin, Map.of("sku", sku)));
        step("GET /api/v1/inventory/{sku}", () -> Call.by(admin, Map.of("sku", sku)));
        step("POST /api/v1/inventory/{sku}/reservations", () -> Call.by(admin, Map.of("sku", sku))
                .body(b -> with(b, "/order_id", text(reservedFor))));
        step("POST /api/v1/inventory/{sku}/reservations/{orderId}/commit", () -> Call.by(admin,
                Map.of("sku", sku, "orderId", reservedFor)));
        step("DELETE /api/v1/inventory/{sku}/reservations/{orderId}", () -> {
            var released = "ord_doc_" + UUID.randomUUID().toString().replace("-", "");
            admin.post("/api/v1/inventory/" + sku + "/reservations", Inventory.reservation(released, 1));
            return Call.by(admin, Map.of("sku", sku, "orderId", released));
        });

        // promo codes and carts
        step("POST /api/v1/promo-codes", () -> Call.by(admin, Map.of()).body(b -> with(b, "/code", text(promo))));
        step("GET /api/v1/promo-codes", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/promo-codes/{code}", () -> Call.by(admin, Map.of("code", promo)));
        step("POST /api/v1/carts", () -> Call.by(customer, Map.of()));
        Supplier<String> cart = () -> answer("POST /api/v1/carts").get("cart_id").asText();
        step("POST /api/v1/carts/{cartId}/items", () -> Call.by(customer, Map.of("cartId", cart.get()))
                .body(b -> with(b, "/sku", text(sku))));
        step("PATCH /api/v1/carts/{cartId}/items/{sku}", () -> Call.by(customer,
                Map.of("cartId", cart.get(), "sku", sku)));
        step("PUT /api/v1/carts/{cartId}/promo-code", () -> Call.by(customer, Map.of("cartId", cart.get()))
                .body(b -> with(b, "/code", text(promo))));
        step("DELETE /api/v1/carts/{cartId}/promo-code", () -> Call.by(customer, Map.of("cartId", cart.get())));
        step("GET /api/v1/carts/{cartId}", () -> Call.by(customer, Map.of("cartId", cart.get())));
        step("DELETE /api/v1/carts/{cartId}/items/{sku}", () -> Call.by(customer,
                Map.of("cartId", cart.get(), "sku", sku)));
        step("DELETE /api/v1/carts/{cartId}/items", () -> Call.by(customer, Map.of("cartId", cart.get())));
        step("POST /api/v1/carts/{cartId}/checkout", () -> {
            customer.post("/api/v1/carts/" + cart.get() + "/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
            return Call.by(customer, Map.of("cartId", cart.get()));
        });
        step("POST /api/v1/carts/{cartId}/claim", () -> {
            var guest = anonymous.post("/api/v1/carts", "");
            return Call.by(customer, Map.of("cartId", guest.json().get("cart_id").asText()))
                    .header("X-Cart-Token", guest.json().get("cart_token").asText());
        });
        step("POST /api/v1/promo-codes/{code}/deactivate", () -> Call.by(admin, Map.of("code", promo)));

        // orders: the document's own order, by product id at the price shown
        step("POST /api/v1/orders", () -> Call.by(customer, Map.of())
                .body(b -> with(with(b, "/items/0/sku", null), "/items/0/product_id", text(singleVariant))));
        Supplier<String> order = () -> answer("POST /api/v1/orders").get("order_id").asText();
        step("GET /api/v1/orders", () -> Call.by(customer, Map.of()));
        step("GET /api/v1/orders/{orderId}", () -> Call.by(customer, Map.of("orderId", order.get())));
        step("GET /api/v1/orders/{orderId}/events", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("GET /api/v1/audit/orders/{orderId}/events", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("GET /api/v1/audit/orders/{orderId}", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("GET /api/v1/audit/events", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/audit/orders/{orderId}/verify", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("POST /api/v1/orders/{orderId}/confirm", () -> Call.by(admin, Map.of("orderId", pending(customer, sku))));
        step("POST /api/v1/orders/{orderId}/process", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("POST /api/v1/orders/{orderId}/ship", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("POST /api/v1/orders/{orderId}/deliver", () -> Call.by(admin, Map.of("orderId", order.get())));
        step("GET /api/v1/orders/{orderId}/status-stream", () -> Call.by(customer, Map.of("orderId", order.get())));
        step("POST /api/v1/orders/{orderId}/cancel", () -> Call.by(customer,
                Map.of("orderId", confirmed(customer, sku))));
        step("POST /api/v1/orders/{orderId}/refunds", () -> {
            var paid = pending(customer, sku);
            admin.post("/api/v1/orders/" + paid + "/confirm", "");
            admin.post("/api/v1/orders/" + paid + "/cancel", "{\"reason\": \"merchant_decision\"}");
            return Call.by(admin, Map.of("orderId", paid));
        });
        // dead letters: the catalog refuses a change to a product it never saw registered, and parks it
        Supplier<String> letter = () -> {
            var orphan = "prod_doc_" + UUID.randomUUID().toString().replace("-", "");
            eventStore.publish(new GenericDomainEventMessage<>("Product", orphan, 0,
                    new ProductDiscontinuedEvent(new ProductId(orphan), "never registered")));
            return Eventually.assertThat(() -> parkedInCatalog(admin, orphan), Optional::isPresent).orElseThrow();
        };
        var parked = new AtomicReference<String>();
        step("GET /api/v1/admin/dead-letters", () -> {
            parked.set(letter.get());
            return Call.by(admin, Map.of());
        });
        step("GET /api/v1/admin/dead-letters/{id}", () -> Call.by(admin, Map.of("id", parked.get())));
        step("POST /api/v1/admin/dead-letters/{id}/retry", () -> Call.by(admin, Map.of("id", parked.get())));
        step("POST /api/v1/admin/processors/{name}/dead-letters/retry", () -> Call.by(admin,
                Map.of("name", "catalog")));
        step("DELETE /api/v1/admin/dead-letters/{id}", () -> Call.by(admin, Map.of("id", parked.get())));

        step("GET /api/v1/admin/reconciliation", () -> Call.by(admin, Map.of()));
        step("POST /api/v1/admin/projections/{name}/rebuilds", () -> Call.by(admin, Map.of("name", "order-history")));
        Supplier<String> rebuild = () -> answer("POST /api/v1/admin/projections/{name}/rebuilds").get("id").asText();
        step("GET /api/v1/admin/projections/{name}/rebuilds/{id}", () -> Call.by(admin,
                Map.of("name", "order-history", "id", rebuild.get())));
        step("DELETE /api/v1/admin/projections/{name}/rebuilds/{id}", () -> {
            // once it has finished, it can no longer be cancelled: the declared 409 (ProjectionRebuildTest cancels)
            Eventually.assertThat(() -> admin.get("/api/v1/admin/projections/order-history/rebuilds/"
                    + rebuild.get()).json().get("status").asText(), status -> status.equals("COMPLETED"));
            return Call.by(admin, Map.of("name", "order-history", "id", rebuild.get())).refusedWith(409);
        });

        // sagas: checkouts of confirmed orders are active until delivery
        Supplier<String> saga = () -> admin.get("/api/v1/admin/sagas?order_id=" + confirmed(customer, sku))
                .json().at("/data/0/saga_id").asText();
        step("GET /api/v1/admin/sagas", () -> Call.by(admin, Map.of()));
        step("GET /api/v1/admin/sagas/{sagaId}", () -> Call.by(admin, Map.of("sagaId", saga.get())));
        step("POST /api/v1/admin/sagas/{sagaId}/retry", () -> Call.by(admin, Map.of("sagaId", saga.get()))
                .refusedWith(409)); // nothing of it is parked
        step("POST /api/v1/admin/sagas/{sagaId}/compensate", () -> Call.by(admin, Map.of("sagaId", saga.get())));
        step("DELETE /api/v1/admin/sagas/{sagaId}", () -> Call.by(admin, Map.of("sagaId", saga.get())));

        step("POST /api/v1/payments/stripe/webhook", () -> {
            var event = OpenApiSchemas.parse("""
                    {"id": "evt_doc", "object": "event", "type": "customer.created", "api_version": "2024-06-20",
                     "data": {"object": {"id": "cus_doc", "object": "customer"}}}""");
            var payload = event.toString(); // signed as it is sent
            return Call.by(anonymous, Map.of()).body(b -> event)
                    .header("Stripe-Signature", sign(payload));
        });

        var documented = new TreeSet<String>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(steps.keySet()).as("every documented operation is exercised")
                .containsExactlyInAnyOrderElementsOf(documented);

        var failures = new ArrayList<String>();
        steps.forEach((operation, prepare) -> {
            var method = operation.substring(0, operation.indexOf(' '));
            var template = operation.substring(operation.indexOf(' ') + 1);
            var spec = document.get("paths").get(template).get(method.toLowerCase());
            var call = prepare.get();
            var path = template;
            for (var id : call.pathIds().entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            String body = null;
            var headers = new LinkedHashMap<>(call.headers());
            var requestSchema = spec.at("/requestBody/content/application~1json/schema");
            if (requestSchema.isMissingNode()) {
                requestSchema = spec.at("/requestBody/content/*~1*/schema"); // the webhook: any content type
            }
            if (!requestSchema.isMissingNode()) {
                body = call.body().apply(schemas.example(requestSchema)).toString();
                headers.put("Content-Type", "application/json");
            }
            var response = call.caller().send(method, path, body, headers);
            var declared = spec.get("responses").get(Integer.toString(response.status()));
            if (call.expected() != null ? response.status() != call.expected()
                    : response.status() < 200 || response.status() > 299) {
                failures.add(operation + " -> " + response.status() + " " + response.body() + "\n    request: "
                        + body);
                return;
            }
            if (declared == null) {
                failures.add(operation + " -> " + response.status() + ", a status the document does not declare");
                return;
            }
            var contentType = response.header("Content-Type");
            if (contentType != null && contentType.startsWith("text/event-stream")) {
                if (declared.at("/content/text~1event-stream").isMissingNode()) {
                    failures.add(operation + " streams events the document does not declare");
                }
                return;
            }
            if (contentType != null && contentType.startsWith("application/x-ndjson")) {
                if (declared.at("/content/application~1x-ndjson").isMissingNode()) {
                    failures.add(operation + " streams NDJSON the document does not declare");
                }
                response.body().lines().forEach(OpenApiSchemas::parse); // every line one JSON value
                return;
            }
            if (response.body().isEmpty()) {
                return;
            }
            var schema = declared.at("/content/application~1json/schema");
            if (schema.isMissingNode()) {
                failures.add(operation + " -> " + response.status() + " answers a JSON body its document omits");
                return;
            }
            var json = response.json();
            answers.put(operation, json);
            for (var violation : schemas.violations(json, schema)) {
                failures.add(operation + " -> " + response.status() + ": " + violation);
            }
        });
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    /** No camelCase on the wire: every schema property and query parameter is snake_case. */
    private static void assertNamesAreSnakeCase(JsonNode document) {
        var camel = new ArrayList<String>();
        document.at("/components/schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fieldNames().forEachRemaining(name -> {
                    if (!SNAKE_CASE.matcher(name).matches()) {
                        camel.add(schema.getKey() + "." + name);
                    }
                }));
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            for (Iterator<JsonNode> it = op.getValue().path("parameters").elements(); it.hasNext(); ) {
                var parameter = it.next();
                if (parameter.path("in").asText().equals("query")
                        && !SNAKE_CASE.matcher(parameter.get("name").asText()).matches()) {
                    camel.add(path.getKey() + "?" + parameter.get("name").asText());
                }
            }
        }));
        assertThat(camel).as("names outside snake_case").isEmpty();
    }

    private static String productOf(HttpClient admin, String sku) {
        var products = admin.get("/api/v1/products?limit=100").json().get("data");
        for (var product : products) {
            for (var variant : product.get("variants")) {
                if (variant.get("sku").asText().equals(sku)) {
                    return product.get("product_id").asText();
                }
            }
        }
        throw new IllegalStateException("No product sells " + sku);
    }

    /**
     * An order whose payment is still pending (the slow test card), placed just before it is needed. Used only
     * where a PENDING order is the point: each holds a payment worker thread for the card's delay.
     */
    private static Optional<String> parkedInCatalog(HttpClient admin, String sequence) {
        for (var letter : admin.get("/api/v1/admin/dead-letters?processor=catalog&limit=100").json().get("data")) {
            if (letter.get("sequence").asText().equals(sequence)) {
                return Optional.of(letter.get("id").asText());
            }
        }
        return Optional.empty();
    }

    private static String pending(HttpClient customer, String sku) {
        return placed(customer, Shopping.orderOf(sku, 1).replace("pm_card_visa", "pm_card_slow"));
    }

    private static String confirmed(HttpClient customer, String sku) {
        return placed(customer, Shopping.orderOf(sku, 1));
    }

    private static String placed(HttpClient customer, String order) {
        var placed = customer.post("/api/v1/orders", order);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("order_id").asText();
    }

    private static String sign(String payload) {
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
