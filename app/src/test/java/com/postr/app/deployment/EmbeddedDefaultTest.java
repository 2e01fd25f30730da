package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import java.util.regex.Pattern;
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
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultTest {

    @TempDir
    Path workDir;

    @Test
    void startsOnEmbeddedPostgresAndKeepsItsDataAcrossRestarts(CapturedOutput output) {
        var dataDir = workDir.resolve("postgres");
        String productId;
        String password;
        try (var app = start(dataDir)) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
            // no admin configured: one is made with a random password, shown once in the log
            var generated = Pattern.compile("Created admin@postr.local with the one-time generated password: (\\S+)")
                    .matcher(output.getOut());
            assertThat(generated.find()).as("the generated admin password is logged").isTrue();
            password = generated.group(1);
            var admin = new HttpClient(port(app)).withToken(
                    Users.login(new HttpClient(port(app)), "admin@postr.local", password).get("access_token").asText());
            var created = admin.post("/api/v1/products", registration("Survivor", "c", uniqueSku("KEEP")));
            assertThat(created.status()).isEqualTo(201);
            productId = created.json().get("product_id").asText();
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("server stopped with the app").isFalse();

        try (var app = start(dataDir)) {
            var read = new HttpClient(port(app)).get("/api/v1/products/" + productId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("title").asText()).isEqualTo("Survivor");
            // the admin, and their password, survived too; no second one was generated
            assertThat(output.getOut().split("one-time generated password", -1)).hasSize(2);
            assertThat(Users.login(new HttpClient(port(app)), "admin@postr.local", password).has("access_token"))
                    .isTrue();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // arguments, not builder properties: those are defaults that application.yml would override
        return new SpringApplicationBuilder(PostrApplication.class).run("--server.port=0",
                "--spring.datasource.url=", // as on a fresh machine, whatever the environment says
                "--postr.embedded-postgres.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
