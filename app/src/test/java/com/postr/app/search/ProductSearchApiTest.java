package com.postr.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Products;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog search over HTTP on the default engine (PostgreSQL), as a shop's frontend calls it. Each test invents a
 * word of its own, so the shared database's other products never match.
 */
@PostrIntegrationTest
class ProductSearchApiTest {

    @LocalServerPort
    int port;

    HttpClient admin;
    HttpClient shopper;
    String word;

    @BeforeEach
    void setUp() {
        admin = Users.admin(port);
        shopper = admin.anonymous();
        // letters only, so it is one word to every engine
        word = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").toLowerCase(Locale.ROOT) + "ville";
    }

    private String register(String title, String artist, String size, boolean framed, String price, String sku) {
        var created = admin.post("/api/v1/products", """
                {"title": "%s", "artist": "%s", "description": "A print of %s", "category": "harbours",
                 "tags": ["sea"], "colors": ["blue"],
                 "variants": [{"sku": "%s", "size": "%s", "framed": %s, "paper": "matte",
                               "price": {"amount": %s, "currency": "EUR"}}]}""".formatted(title, artist, title, sku,
                size, framed, price));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("product_id").asText();
    }

    private JsonNode searchUntil(String query, int hits) {
        return Eventually.assertThat(() -> shopper.get("/api/v1/products/search?" + query),
                r -> r.status() == 200 && r.json().get("data").size() == hits).json();
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void findsProductsByAMisspeltWordWithVariantsFacetsHighlightAndPagination() {
        var sku = Products.uniqueSku("SEARCH");
        var id = register("Harbour of " + word, "Claude Monet", "A3", false, "35.00", sku);
        register("Quay of " + word, "Claude Monet", "A2", true, "85.00", Products.uniqueSku("SEARCH"));
        Inventory.receive(admin, sku, 4);

        // one letter dropped: still found
        var misspelt = word.substring(0, 3) + word.substring(4);
        var body = searchUntil(q(misspelt) + "&sort=price_asc", 2);

        var hit = body.get("data").get(0);
        assertThat(hit.get("product_id").asText()).isEqualTo(id);
        assertThat(hit.get("title").asText()).isEqualTo("Harbour of " + word);
        assertThat(hit.get("artist").asText()).isEqualTo("Claude Monet");
        assertThat(hit.get("highlight").get("title").asText()).isEqualTo("Harbour of <em>" + word + "</em>");
        var variant = hit.get("variants").get(0);
        assertThat(variant.get("sku").asText()).isEqualTo(sku);
        assertThat(variant.get("price").get("amount").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(variant.get("price").get("currency").asText()).isEqualTo("EUR");
        Eventually.assertThat(() -> shopper.get("/api/v1/products/search?" + q(word) + "&in_stock=true"),
                r -> r.status() == 200 && r.json().get("data").size() == 1
                        && r.json().get("data").get(0).get("variants").get(0).get("available").asInt() == 4
                        && r.json().get("data").get(0).get("variants").get(0).get("in_stock").asBoolean());

        var facets = body.get("facets");
        assertThat(facets.get("size").toString()).isEqualTo("[{\"value\":\"A3\",\"count\":1},{\"value\":\"A2\",\"count\":1}]");
        assertThat(facets.get("artist").toString()).isEqualTo("[{\"value\":\"Claude Monet\",\"count\":2}]");
        assertThat(facets.get("price").get(1).toString()).isEqualTo("{\"from\":20,\"to\":40,\"count\":1}");
        assertThat(facets.get("price").get(3).toString()).isEqualTo("{\"from\":80,\"to\":null,\"count\":1}");
        var pagination = body.get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(1);
        assertThat(pagination.get("total_items").asLong()).isEqualTo(2);
        assertThat(pagination.get("has_next").asBoolean()).isFalse();
    }

    @Test
    void repeatedFilterValuesCombineWithOrAndFacetsIgnoreTheirOwnFilter() {
        register("Dock of " + word, "Rembrandt", "A3", false, "30.00", Products.uniqueSku("SEARCH"));
        register("Pier of " + word, "Rembrandt", "A2", false, "40.00", Products.uniqueSku("SEARCH"));
        register("Bay of " + word, "Rembrandt", "A1", true, "90.00", Products.uniqueSku("SEARCH"));
        searchUntil(q(word), 3);

        var body = shopper.get("/api/v1/products/search?" + q(word) + "&size=A3&size=a2").json();
        assertThat(body.get("data")).hasSize(2);
        assertThat(body.get("facets").get("size")).hasSize(3);

        var framed = shopper.get("/api/v1/products/search?" + q(word) + "&framed=true&max_price=100").json();
        assertThat(framed.get("data")).hasSize(1);
        assertThat(framed.get("data").get(0).get("title").asText()).isEqualTo("Bay of " + word);
    }

    @Test
    void aDiscontinuedProductDisappearsFromSearch() {
        var id = register("Jetty of " + word, "Hokusai", "A3", false, "30.00", Products.uniqueSku("SEARCH"));
        searchUntil(q(word), 1);
        assertThat(admin.post("/api/v1/products/" + id + "/discontinue", "{}").status()).isEqualTo(200);
        searchUntil(q(word), 0);
    }

    @Test
    void refusesBadParametersWithTheStandardError() {
        var bad = new ArrayList<>(List.of("sort=best", "min_price=-1", "min_price=50&max_price=10",
                q("x".repeat(2_000)), "colour=red", "limit=101", "limit=0", "size=B5", "paper=silk", "framed=maybe",
                "page=0", "page=101&limit=100", "min_price=abc", "in_stock=perhaps"));
        for (var query : bad) {
            var response = shopper.get("/api/v1/products/search?" + query);
            assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isIn("VALIDATION_ERROR", "INVALID_REQUEST");
            assertThat(response.json().get("error").get("message").asText()).as(query).isNotBlank();
        }
        var unknown = shopper.get("/api/v1/products/search?colour=red").json().get("error");
        assertThat(unknown.get("message").asText()).contains("colour");
    }

    @Test
    void thePostgresEngineHasNoIndexToRebuild() {
        var status = admin.get("/api/v1/admin/search-index");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("engine").asText()).isEqualTo("postgres");
        var rebuild = admin.post("/api/v1/admin/search-index/rebuilds", "");
        assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(409);
        assertThat(rebuild.json().get("error").get("message").asText()).contains("no index to rebuild");
        assertThat(shopper.post("/api/v1/admin/search-index/rebuilds", "").status()).isEqualTo(401);
    }

    @Test
    void listsTheCatalogWithoutWordsOrFilters() {
        register("Mole of " + word, "Hokusai", "A3", false, "30.00", Products.uniqueSku("SEARCH"));
        var body = Eventually.assertThat(() -> shopper.get("/api/v1/products/search"),
                r -> r.status() == 200 && r.json().get("pagination").get("total_items").asLong() > 0).json();
        assertThat(body.get("data").size()).isBetween(1, 20);
        assertThat(body.get("facets").get("category").size()).isPositive();
    }
}
