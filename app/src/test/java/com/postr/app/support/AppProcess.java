package com.postr.app.support;

import com.postr.app.PostrApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The app as a separate JVM, as operators run it, so a test can kill it with SIGKILL (no shutdown hooks, nothing
 * graceful) and start it again on the same data directory. Its log goes to a file beside the data.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the app with the test admin, rate limits off, and its embedded PostgreSQL in {@code dir/postgres};
     * returns once it is ready.
     */
    public static AppProcess start(Path dir, String name, int port, List<String> arguments) throws Exception {
        return start(dir, name, port, List.of("-Xmx512m"), arguments);
    }

    /** As {@link #start(Path, String, int, List)}, with these JVM options (a heap size, say) instead. */
    public static AppProcess start(Path dir, String name, int port, List<String> jvmOptions, List<String> arguments)
            throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var log = dir.resolve(name + ".log").toFile();
        var command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                // these JVMs live seconds to minutes: start fast rather than peak
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath, PostrApplication.class.getName(),
                "--server.port=" + port,
                "--postr.security.initial-admin.email=" + Users.ADMIN_EMAIL,
                "--postr.security.initial-admin.password=" + Users.ADMIN_PASSWORD,
                "--postr.rate-limit.enabled=false",
                "--postr.embedded-postgres.data-dir=" + dir.resolve("postgres")));
        command.addAll(arguments);
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        var app = new AppProcess(process, port);
        var http = new HttpClient(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("The " + name + " app process exited; see " + log);
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return app;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            if (System.nanoTime() > deadline) {
                app.kill();
                throw new AssertionError("The " + name + " app did not become ready; see " + log);
            }
            Thread.sleep(200);
        }
    }

    public int port() {
        return port;
    }

    /** SIGKILL, and wait until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
