package com.postr.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One real Elasticsearch node per test JVM, from the distribution Maven unpacked into target/elasticsearch
 * (org.elasticsearch.distribution.integ-test-zip). Started by the project's scripts/start-elasticsearch, which runs
 * it as an unprivileged user when the tests run as root. If it cannot start, the tests that need it fail.
 */
final class ElasticsearchNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static ElasticsearchNode node;

    private final Process process;
    private final URI uri;
    private final Path log;

    private ElasticsearchNode(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    static synchronized URI uri() {
        if (node == null) {
            node = start();
        }
        if (!node.process.isAlive()) {
            throw new IllegalStateException("Elasticsearch has stopped; its output:\n" + node.tail());
        }
        return node.uri;
    }

    private static ElasticsearchNode start() {
        var distribution = Path.of(System.getProperty("postr.test.elasticsearch.home", "target/elasticsearch"));
        var home = distribution.resolve(List.of(distribution.toFile().list((d, n) -> n.startsWith("elasticsearch-")))
                .stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "No Elasticsearch distribution in " + distribution.toAbsolutePath()
                                + "; run the tests through Maven, which unpacks it")));
        var script = Path.of("..", "scripts", "start-elasticsearch").toAbsolutePath().normalize();
        try {
            int port = freePort();
            var work = Files.createTempDirectory("postr-es-");
            var log = work.resolve("console.log");
            var process = new ProcessBuilder(script.toString(), home.toAbsolutePath().toString(),
                    work.resolve("node").toString(), Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var started = new ElasticsearchNode(process, URI.create("http://127.0.0.1:" + port), log);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch did not start; its output:\n" + tail());
            }
            try {
                var connection = (HttpURLConnection) uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s")
                        .toURL().openConnection();
                connection.setConnectTimeout(1_000);
                connection.setReadTimeout(5_000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Elasticsearch did not answer within " + START_TIMEOUT + "; its output:\n"
                + tail());
    }

    private String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void stop() {
        // runuser and the JVM it starts: stop the whole tree
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
