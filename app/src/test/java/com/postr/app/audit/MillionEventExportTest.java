package com.postr.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.app.support.AppProcess;
import com.postr.app.support.Eventually;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor exports a million stored events from an app whose heap is far smaller than the export: it must stream.
 * The events are of a type this build no longer has (an event type retired long ago), so no processor works through
 * them meanwhile, and the export still shows them as stored. The same run checks that an export is one per caller
 * and that a client going away stops it and frees its place.
 */
class MillionEventExportTest {

    private static final int EVENTS = 1_000_000;
    /** A million lines of JSON are several hundred megabytes; this heap holds a small fraction of that. */
    private static final String HEAP = "-Xmx256m";

    private final ObjectMapper json = new ObjectMapper();
    private AppProcess app;
    private Path dir;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        FileSystemUtils.deleteRecursively(dir.resolve("postgres"));
    }

    @Test
    void aMillionEventsStreamThroughASmallHeapAndAnAbandonedExportStops() throws Exception {
        dir = Path.of("target", "export-test", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        int databasePort = AppProcess.freePort();
        int port = AppProcess.freePort();
        var arguments = List.of("--postr.embedded-postgres.port=" + databasePort,
                "--postr.audit.export.max-events-per-second=0");
        // a first run creates the schema and the processors' tokens; the events are stored while the app is down
        AppProcess.start(dir, "schema", port, arguments).close();
        long first;
        try (var postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false).setPort(databasePort).start()) {
            first = storeRetiredEvents(databasePort);
        }
        app = AppProcess.start(dir, "export", port, List.of(HEAP), arguments);
        var auditor = Users.withRole(port, "auditor");

        // A client reads a few lines and then holds its export open: the caller's one place is taken.
        try (var abandoned = new Socket("localhost", port)) {
            abandoned.getOutputStream().write(("GET /api/v1/audit/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + auditor.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var reader = new BufferedReader(new InputStreamReader(abandoned.getInputStream(), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 ");
            for (int i = 0; i < 40; i++) {
                reader.readLine();
            }
            var second = auditor.get("/api/v1/audit/events?after_position=" + (first + EVENTS - 10));
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(second.header("Retry-After")).isNotBlank();
        }
        // ... and going away stops it: the export is counted as cancelled and its place is free again.
        var admin = Users.admin(new HttpClient(port), "export:" + port);
        Eventually.assertThat(() -> exports(admin), m -> m.contains("cancelled 1.0") && m.contains("running 0.0"));

        // The whole export, counted line by line as it arrives.
        var request = java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/audit/events?type=MeterReadEvent"))
                .header("Authorization", "Bearer " + auditor.token()).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        long[] seen = {0, first - 1};
        JsonNode[] last = {null};
        response.body().forEach(line -> {
            var node = read(line);
            if (node.has("last_position")) {
                last[0] = node;
                return;
            }
            long position = node.path("global_position").asLong();
            assertThat(position).isGreaterThan(seen[1]);
            assertThat(node.path("type").asText()).isEqualTo("MeterReadEvent");
            assertThat(node.path("payload").path("reading").asLong()).isEqualTo(seen[0]);
            seen[0]++;
            seen[1] = position;
        });
        assertThat(seen[0]).isEqualTo(EVENTS);
        assertThat(last[0]).isNotNull();
        assertThat(last[0].path("last_position").asLong()).isEqualTo(first + EVENTS - 1);
        Eventually.assertThat(() -> exports(admin), m -> m.contains("completed 1.0"));
    }

    /** The export meters, one per line as "outcome value" or "running value". */
    private static String exports(HttpClient admin) {
        var lines = new StringBuilder();
        for (var line : admin.get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith("postr_audit_exports_total{")) {
                var outcome = line.replaceAll(".*outcome=\"([a-z]+)\".*", "$1");
                lines.append(outcome).append(' ').append(line.substring(line.lastIndexOf(' ') + 1)).append('\n');
            } else if (line.startsWith("postr_audit_exports_running")) {
                lines.append("running ").append(line.substring(line.lastIndexOf(' ') + 1)).append('\n');
            }
        }
        return lines.toString();
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not a JSON line: " + line, e);
        }
    }

    /**
     * A million events as an old build stored them, written straight into the event store. Answers the global
     * position of the first.
     */
    private static long storeRetiredEvents(int databasePort) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postr",
                "postgres", "postgres"); var statement = connection.createStatement()) {
            long before;
            try (var head = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
                head.next();
                before = head.getLong(1);
            }
            statement.execute("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT 'meter-' || (g / 1000), mod(g, 1000), 'Meter', 'retired-' || g,
                           convert_to('{"traceId": "meter-' || (g / 1000) || '"}', 'UTF8'),
                           convert_to('{"reading": ' || g || ', "note": "a reading of a meter, kept by a type '
                               || 'this build no longer has"}', 'UTF8'),
                           NULL, 'com.postr.api.retired.MeterReadEvent', '2026-01-01T00:00:00Z'
                    FROM generate_series(0, %d) AS g
                    ORDER BY g""".formatted(EVENTS - 1));
            // The processors stand at the head, as if they had passed these events long ago: working through a
            // million events is what a rebuild measures, and would only compete with the export here.
            int tokens = statement.executeUpdate("""
                    UPDATE token_entry SET token = convert_to('{"index": ' || (SELECT max(global_index)
                        FROM domain_event_entry) || ', "gaps": []}', 'UTF8'),
                        token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken'""");
            assertThat(tokens).isPositive();
            try (var range = statement.executeQuery("SELECT min(global_index), count(*) FROM domain_event_entry "
                    + "WHERE global_index > " + before)) {
                range.next();
                assertThat(range.getLong(2)).isEqualTo(EVENTS);
                return range.getLong(1);
            }
        }
    }
}
