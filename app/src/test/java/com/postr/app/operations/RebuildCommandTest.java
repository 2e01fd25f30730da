package com.postr.app.operations;

import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Inventory;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Reconciliation;
import com.postr.app.support.Shopping;
import com.postr.app.support.Users;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar postr-commerce.jar rebuild order-history} against the database a serving node uses: it prints its
 * progress, exits 0 once the new version has taken over, and the serving node goes on with that version.
 */
@PostrIntegrationTest
class RebuildCommandTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void theCommandLineRebuildsAgainstTheConfiguredDatabaseAndTheServingNodeGoesOnWithTheNewVersion() {
        var admin = Users.admin(port);
        var sku = Inventory.stockedSku(admin, "CLI", 10);
        var before = confirmed(admin, sku);
        var database = (HikariDataSource) dataSource;
        var output = new ByteArrayOutputStream();

        int exit = RebuildCommand.run(new String[]{"rebuild", "order-history",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword())},
                new PrintStream(output, true, StandardCharsets.UTF_8));

        var printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("[##############################] 100.0%").contains("events/s")
                .contains("COMPLETED");
        // the serving node reads the new version and keeps it current
        assertThat(admin.get("/api/v1/orders/" + before).json().get("status").asText()).isEqualTo("CONFIRMED");
        var after = confirmed(admin, sku);
        assertThat(admin.get("/api/v1/orders/" + after).status()).isEqualTo(200);
        Eventually.assertThat(() -> Reconciliation.differences(admin, "order-history"), count -> count == 0);
    }

    @Test
    void withoutAProjectionItPrintsItsUsage() {
        var output = new ByteArrayOutputStream();
        assertThat(RebuildCommand.run(new String[]{"rebuild"}, new PrintStream(output, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("usage: java -jar postr-commerce.jar rebuild");
    }

    private static String confirmed(HttpClient admin, String sku) {
        var placed = admin.post("/api/v1/orders", Shopping.orderOf(sku, 1));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var id = placed.json().get("order_id").asText();
        Eventually.assertThat(() -> admin.get("/api/v1/orders/" + id).json().get("status").asText(),
                status -> status.equals("CONFIRMED"));
        return id;
    }
}
