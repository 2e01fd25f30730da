package com.postr.app.catalog;

import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalog slice end to end: HTTP, command, event store, projection and query on real PostgreSQL. */
@PostrIntegrationTest
class CatalogApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = Users.admin(port);
    }

    private String create(String title, String category, String sku) {
        var response = http.post("/api/v1/products", registration(title, category, sku));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("product_id").asText();
    }

    @Test
    void registersAProductAndReadsItBackAtOnce() {
        var sku = uniqueSku("WAVE");
        var created = http.post("/api/v1/products", registration("The Great Wave", "japanese-art", sku));

        assertThat(created.status()).isEqualTo(201);
        var id = created.json().get("product_id").asText();
        assertThat(id).startsWith("prod_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/products/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.header("X-Request-Id")).startsWith("req_");
        assertThat(created.json().get("title").asText()).isEqualTo("The Great Wave");
        assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
        var variant = created.json().get("variants").get(0);
        assertThat(variant.get("sku").asText()).isEqualTo(sku);
        assertThat(variant.get("price").get("amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(variant.get("price").get("currency").asText()).isEqualTo("EUR");

        var read = http.get("/api/v1/products/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void changesDetailsPartiallyAndEachWriteShowsItsOwnEffect() {
        var id = create("Sunflowers", "impressionism", uniqueSku("SUN"));

        var patched = http.patch("/api/v1/products/" + id, """
                {"title": "Sunflowers (1888)", "tags": ["flowers"]}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("title").asText()).isEqualTo("Sunflowers (1888)");
        assertThat(patched.json().get("artist").asText()).isEqualTo("Hokusai"); // untouched
        assertThat(patched.json().get("tags").get(0).asText()).isEqualTo("flowers");
        assertThat(patched.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void changesAVariantPriceAndAddsAVariant() {
        var sku = uniqueSku("STARRY");
        var id = create("Starry Night", "post-impressionism", sku);

        var repriced = http.patch("/api/v1/products/" + id + "/variants/" + sku, """
                {"price": {"amount": "24.50", "currency": "EUR"}}""");
        assertThat(repriced.status()).as(repriced.body()).isEqualTo(200);
        assertThat(repriced.json().get("variants").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("24.50");

        var framed = uniqueSku("STARRY-F");
        var added = http.post("/api/v1/products/" + id + "/variants", """
                {"sku": "%s", "size": "A1", "framed": true, "paper": "glossy",
                 "price": {"amount": 149, "currency": "EUR"}}""".formatted(framed));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("variants")).hasSize(2);
        assertThat(added.json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void discontinuesOnceAndThenRefusesChanges() {
        var id = create("Water Lilies", "impressionism", uniqueSku("LILY"));

        var discontinued = http.post("/api/v1/products/" + id + "/discontinue", """
                {"reason": "licence expired"}""");
        assertThat(discontinued.status()).isEqualTo(200);
        assertThat(discontinued.json().get("status").asText()).isEqualTo("DISCONTINUED");
        assertThat(discontinued.json().get("discontinued_reason").asText()).isEqualTo("licence expired");

        var again = http.post("/api/v1/products/" + id + "/discontinue", "{}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(1); // no second event

        var change = http.patch("/api/v1/products/" + id, """
                {"title": "Nymphéas"}""");
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.errorCode()).isEqualTo("PRODUCT_DISCONTINUED");
    }

    @Test
    void listsProductsNewestFirstWithFiltersAndPagination() {
        var category = "list-" + uniqueSku("C").toLowerCase();
        var first = create("First", category, uniqueSku("L1"));
        var second = create("Second", category, uniqueSku("L2"));
        var third = create("Third", category, uniqueSku("L3"));

        var page1 = http.get("/api/v1/products?category=" + category + "&limit=2&page=1");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.json().get("data")).extracting(n -> n.get("product_id").asText()).containsExactly(third, second);
        var pagination = page1.json().get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(1);
        assertThat(pagination.get("limit").asInt()).isEqualTo(2);
        assertThat(pagination.get("total_items").asInt()).isEqualTo(3);
        assertThat(pagination.get("total_pages").asInt()).isEqualTo(2);
        assertThat(pagination.get("has_next").asBoolean()).isTrue();
        assertThat(pagination.get("has_prev").asBoolean()).isFalse();

        var page2 = http.get("/api/v1/products?category=" + category + "&limit=2&page=2");
        assertThat(page2.json().get("data")).extracting(n -> n.get("product_id").asText()).containsExactly(first);
        assertThat(page2.json().get("pagination").get("has_next").asBoolean()).isFalse();

        http.post("/api/v1/products/" + second + "/discontinue", "{}");
        var active = http.get("/api/v1/products?category=" + category + "&status=active");
        assertThat(active.json().get("data")).extracting(n -> n.get("product_id").asText())
                .containsExactly(third, first);
    }

    @Test
    void refusesASkuThatAnotherProductUses() {
        var sku = uniqueSku("DUP");
        var owner = create("Original", "x", sku);

        var copy = http.post("/api/v1/products", registration("Copy", "x", sku));

        assertThat(copy.status()).isEqualTo(409);
        assertThat(copy.errorCode()).isEqualTo("DUPLICATE_SKU");
        assertThat(copy.json().at("/error/details/sku").asText()).isEqualTo(sku);
        assertThat(copy.json().at("/error/details/product_id").asText()).isEqualTo(owner);

        var other = create("Other", "x", uniqueSku("OTHER"));
        var steal = http.post("/api/v1/products/" + other + "/variants", """
                {"sku": "%s", "size": "A1", "framed": true, "paper": "matte",
                 "price": {"amount": 10, "currency": "EUR"}}""".formatted(sku));
        assertThat(steal.status()).isEqualTo(409);
        assertThat(steal.errorCode()).isEqualTo("DUPLICATE_SKU");
    }

    @Test
    void letsExactlyOneOfManyConcurrentRegistrationsOfOneSkuWin() throws Exception {
        var sku = uniqueSku("RACE");
        int contenders = 8;
        var responses = Concurrently.run(contenders,
                i -> http.post("/api/v1/products", registration("Contender " + i, "race", sku)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .hasSize(contenders - 1)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("DUPLICATE_SKU"));
        assertThat(jdbc.queryForObject("select count(*) from product_sku where sku = ?", Integer.class, sku))
                .isEqualTo(1);
        // nothing half-applied: exactly one registration event exists for the SKU
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type = 'com.postr.api.catalog.ProductRegisteredEvent'
                  and convert_from(payload, 'UTF8') like ?""", Integer.class, "%" + sku + "%")).isEqualTo(1);
    }

    @Test
    void answersUnknownProductsWith404OnReadsAndWrites() {
        assertThat(http.get("/api/v1/products/prod_unknown").errorCode()).isEqualTo("NOT_FOUND");
        var write = http.patch("/api/v1/products/prod_unknown", """
                {"title": "x"}""");
        assertThat(write.status()).isEqualTo(404);
        assertThat(write.errorCode()).isEqualTo("NOT_FOUND");
        var price = http.patch("/api/v1/products/prod_unknown/variants/ABC-1", """
                {"price": {"amount": 1, "currency": "EUR"}}""");
        assertThat(price.status()).isEqualTo(404);
    }

    @Test
    void answersAnUnknownVariantWith404() {
        var id = create("Mona Lisa", "renaissance", uniqueSku("MONA"));
        var response = http.patch("/api/v1/products/" + id + "/variants/NO-SUCH-SKU", """
                {"price": {"amount": 1, "currency": "EUR"}}""");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/error/details/sku").asText()).isEqualTo("NO-SUCH-SKU");
    }

    @Test
    void echoesAWellFormedCallerRequestId() {
        var response = http.send("GET", "/api/v1/products/prod_unknown", null,
                Map.of("X-Request-Id", "client-abc-12345"));
        assertThat(response.header("X-Request-Id")).isEqualTo("client-abc-12345");
        assertThat(response.json().at("/error/request_id").asText()).isEqualTo("client-abc-12345");

        var hostile = http.send("GET", "/api/v1/products/prod_unknown", null,
                Map.of("X-Request-Id", "../../etc/passwd<script>"));
        assertThat(hostile.header("X-Request-Id")).startsWith("req_");
    }
}
