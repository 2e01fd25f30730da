package com.postr.app.web;

import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and frontend teams rely on besides the API itself: OpenAPI, Swagger UI, health, metrics. */
@PostrIntegrationTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void publishesAnOpenApiDocumentGeneratedFromTheCode() {
        var docs = new HttpClient(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/products")).isTrue();
        assertThat(paths.has("/api/v1/products/{productId}")).isTrue();
        assertThat(paths.has("/api/v1/products/{productId}/variants/{sku}")).isTrue();
        assertThat(paths.at("/~1api~1v1~1products/post/responses").has("409")).isTrue();
        assertThat(docs.json().at("/components/schemas/RegisterProductRequest/properties").has("title")).isTrue();
    }

    @Test
    void documentsSuccessAndErrorsOfEveryOperation() {
        var paths = new HttpClient(port).get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/error")).isFalse();
        // the API's operations; /.well-known/jwks.json is a standard document, not part of it
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            var responses = operation.getValue().get("responses");
            var where = operation.getKey() + " " + path.getKey();
            assertThat(responses.fieldNames()).toIterable().as(where)
                    .anyMatch(code -> code.startsWith("2")).contains("400", "500");
            assertThat(responses.at("/500/content/application~1json/schema/$ref").asText()).as(where)
                    .endsWith("/ApiError");
        }));
    }

    @Test
    void documentsTheIdempotencyKeyWhereTheFilterAppliesItAndRequiresItWhereItDoes() {
        var paths = new HttpClient(port).get("/v3/api-docs").json().get("paths");
        assertThat(keyHeader(paths.at("/~1api~1v1~1orders/post")).get("required").asBoolean()).isTrue();
        assertThat(keyHeader(paths.at("/~1api~1v1~1carts~1{cartId}~1checkout/post")).get("required").asBoolean())
                .isTrue();
        assertThat(keyHeader(paths.at("/~1api~1v1~1products/post")).get("required").asBoolean()).isFalse();
        assertThat(keyHeader(paths.at("/~1api~1v1~1auth~1login/post"))).isNull();
        assertThat(keyHeader(paths.at("/~1api~1v1~1payments~1stripe~1webhook/post"))).isNull();
        assertThat(keyHeader(paths.at("/~1api~1v1~1orders/get"))).isNull();
    }

    private static com.fasterxml.jackson.databind.JsonNode keyHeader(com.fasterxml.jackson.databind.JsonNode op) {
        for (var parameter : op.path("parameters")) {
            if (parameter.path("name").asText().equals("Idempotency-Key")) {
                return parameter;
            }
        }
        return null;
    }

    @Test
    void servesSwaggerUi() {
        var ui = new HttpClient(port).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    @Test
    void reportsHealthOfDatabaseAndEventProcessors() {
        var health = new HttpClient(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/eventProcessors/details/processors/catalog/running").asBoolean())
                .isTrue();
    }

    @Test
    void exposesInfoAndPrometheusMetrics() {
        var http = new HttpClient(port);
        assertThat(http.get("/actuator/info").json().at("/app/name").asText()).isEqualTo("Postr Commerce");
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401); // metrics are for admins
        var metrics = Users.admin(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }
}
