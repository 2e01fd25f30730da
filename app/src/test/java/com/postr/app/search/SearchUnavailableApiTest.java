package com.postr.app.search;

import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Elasticsearch configured but away: search says so in the error format; the rest of the shop carries on. */
@PostrIntegrationTest
@TestPropertySource(properties = "postr.search.elasticsearch.uris=http://127.0.0.1:1")
class SearchUnavailableApiTest {

    @LocalServerPort
    int port;

    @Test
    void searchAnswers503WhileBrowsingAndHealthStayUp() {
        HttpClient shopper = Users.admin(port).anonymous();

        var search = shopper.get("/api/v1/products/search?q=wave");
        assertThat(search.status()).as(search.body()).isEqualTo(503);
        assertThat(search.errorCode()).isEqualTo("SEARCH_UNAVAILABLE");
        assertThat(search.header("Retry-After")).isEqualTo("5");
        assertThat(search.json().get("error").get("request_id").asText()).startsWith("req_");

        assertThat(shopper.get("/api/v1/products").status()).isEqualTo(200);
        assertThat(shopper.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
