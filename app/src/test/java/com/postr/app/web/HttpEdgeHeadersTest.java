package com.postr.app.web;

import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on every answer, and CORS for the configured frontend only (test profile: shop.example). */
@PostrIntegrationTest
class HttpEdgeHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void everyApiAnswerCarriesTheSecurityHeadersErrorsIncluded() {
        var http = new HttpClient(port);
        for (var response : new HttpClient.Response[] {http.get("/api/v1/products"), http.get("/api/v1/orders/ord_x"),
                http.post("/api/v1/products", "{not json")}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        }
    }

    @Test
    void letsTheConfiguredFrontendCallFromABrowserAndNoOtherOrigin() {
        var http = new HttpClient(port);
        var preflight = http.send("OPTIONS", "/api/v1/orders", null, Map.of("Origin", "https://shop.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,idempotency-key"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key");

        var read = http.send("GET", "/api/v1/products", null, Map.of("Origin", "https://shop.example"));
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(read.header("Access-Control-Expose-Headers")).contains("ETag").contains("X-Request-Id");

        var stranger = http.send("OPTIONS", "/api/v1/orders", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
    }
}
