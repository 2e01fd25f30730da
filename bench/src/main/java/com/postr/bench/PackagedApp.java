package com.postr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.postr.bench.Http.get;
import static com.postr.bench.Http.send;

/** The packaged app as its own process, as the benchmarks drive it. */
final class PackagedApp {

    private static final ObjectMapper JSON = new ObjectMapper();
    // the bench's own admin, made at start-up of the app it drives; a throwaway, never a real account
    private static final String ADMIN_EMAIL = "bench@postr.local";
    private static final String ADMIN_PASSWORD = "perf-run-" + java.util.UUID.randomUUID();

    private PackagedApp() {
    }

    /** The app started from its jar, at {@code base}. */
    record App(Process process, String base) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts the jar on an embedded PostgreSQL in {@code data}, with this run's throwaway admin, rate limits off,
     * and waits until it is live. With {@code signIn}, or on a new database, {@link Http#token} is then the
     * admin's; a reused database has an older admin, and the caller only reads public endpoints.
     */
    static App start(Path jar, Path data, boolean signIn, Path log, String... extra) throws Exception {
        int port = freePort();
        var command = new ArrayList<>(List.of("java", "-Xmx1g"));
        // e.g. POSTR_BENCH_JVM_OPTS=-XX:StartFlightRecording=filename=app.jfr,settings=profile to profile the app
        var jvmOptions = System.getenv("POSTR_BENCH_JVM_OPTS");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--postr.embedded-postgres.data-dir=" + data,
                "--postr.security.initial-admin.email=" + ADMIN_EMAIL,
                "--postr.security.initial-admin.password=" + ADMIN_PASSWORD,
                "--postr.rate-limit.enabled=false", "--logging.level.root=WARN"));
        command.addAll(Arrays.asList(extra));
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var base = "http://localhost:" + port;
        Http.token = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited during start-up; see " + log);
            }
            try {
                get(base + "/actuator/health/liveness");
                break;
            } catch (IOException | IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The app did not start; see " + log);
                }
                Thread.sleep(500);
            }
        }
        if (data.resolve("PG_VERSION").toFile().exists() && !signIn) {
            return new App(process, base);
        }
        Http.token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"" + ADMIN_EMAIL + "\", \"password\": \"" + ADMIN_PASSWORD + "\"}")), 200))
                .get("access_token").asText();
        return new App(process, base);
    }


    /** The jar {@code ./mvnw -DskipTests package} builds, which every benchmark drives. */
    static Path jar(String path) {
        var jar = Path.of(path);
        if (!java.nio.file.Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: run ./mvnw -DskipTests package first");
        }
        return jar;
    }

    static Path jar() {
        return jar("app/target/postr-commerce.jar");
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
