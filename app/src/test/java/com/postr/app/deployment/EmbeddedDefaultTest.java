package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import com.postr.app.support.HttpClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/** With no datasource configured, the app runs on an embedded PostgreSQL whose data survives a restart. */
class EmbeddedDefaultTest {

    @TempDir
    Path workDir;

    @Test
    void startsOnEmbeddedPostgresAndKeepsItsDataAcrossRestarts() {
        var dataDir = workDir.resolve("postgres");
        String productId;
        try (var app = start(dataDir)) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
            var created = http(app).post("/api/v1/products", registration("Survivor", "c", uniqueSku("KEEP")));
            assertThat(created.status()).isEqualTo(201);
            productId = created.json().get("product_id").asText();
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("server stopped with the app").isFalse();

        try (var app = start(dataDir)) {
            var read = http(app).get("/api/v1/products/" + productId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("title").asText()).isEqualTo("Survivor");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // arguments, not builder properties: those are defaults that application.yml would override
        return new SpringApplicationBuilder(PostrApplication.class).run("--server.port=0",
                "--spring.datasource.url=", // as on a fresh machine, whatever the environment says
                "--postr.embedded-postgres.data-dir=" + dataDir);
    }

    private static HttpClient http(ConfigurableApplicationContext app) {
        return new HttpClient(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
