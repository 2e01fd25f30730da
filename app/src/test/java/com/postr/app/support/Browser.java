package com.postr.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's package, installed by scripts/ensure-chromium), driven over the DevTools
 * protocol: open a page, run script in it as a user's clicks would, read what it shows, take a screenshot.
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Browser(Process process, Path profile, WebSocket page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
    }

    public static Browser start() throws Exception {
        var installer = new ProcessBuilder(Path.of("..", "scripts", "ensure-chromium").toAbsolutePath().normalize()
                .toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var binary = new String(installer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (installer.waitFor() != 0 || binary.isEmpty()) {
            throw new IllegalStateException("No Chromium: scripts/ensure-chromium failed");
        }
        var profile = Files.createTempDirectory("postr-chromium");
        // as root (CI) Chromium needs --no-sandbox; the rest keep it off a network it cannot reach
        var process = new ProcessBuilder(List.of(binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"))
                .redirectErrorStream(true).start();
        var port = devToolsPort(process);
        var http = java.net.http.HttpClient.newHttpClient();
        var targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String socket = null;
        for (var target : targets) {
            if ("page".equals(target.path("type").asText())) {
                socket = target.get("webSocketDebuggerUrl").asText();
            }
        }
        if (socket == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium opened no page: " + targets);
        }
        var holder = new Browser[1];
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    holder[0].received(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        var webSocket = http.newWebSocketBuilder().buildAsync(URI.create(socket), listener).get(30, TimeUnit.SECONDS);
        var browser = new Browser(process, profile, webSocket);
        holder[0] = browser;
        browser.send("Page.enable", JSON.createObjectNode());
        return browser;
    }

    /** Chromium prints "DevTools listening on ws://127.0.0.1:PORT/..." once it is ready. */
    private static int devToolsPort(Process process) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            output.append(line).append('\n');
            var at = line.indexOf("ws://127.0.0.1:");
            if (at >= 0) {
                var rest = line.substring(at + "ws://127.0.0.1:".length());
                var port = Integer.parseInt(rest.substring(0, rest.indexOf('/')));
                // keep draining its output, or a chatty Chromium blocks on a full pipe
                var drain = new Thread(() -> reader.lines().forEach(ignored -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("Chromium did not start:\n" + output);
    }

    private void received(String message) {
        try {
            var json = JSON.readTree(message);
            if (json.has("id")) {
                var waiting = pending.remove(json.get("id").asInt());
                if (waiting != null) {
                    waiting.complete(json);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable DevTools message: " + message, e);
        }
    }

    private JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        pending.put(id, answer);
        var command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        page.sendText(command.toString(), true).join();
        try {
            var result = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.has("error")) {
                throw new IllegalStateException(method + " failed: " + result.get("error"));
            }
            return result.get("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " did not answer", e);
        }
    }

    public void open(String url) {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
        waitFor("document.readyState === 'complete' && location.href === " + JSON.valueToTree(url), v -> v.asBoolean());
    }

    /** Runs script in the page (awaiting a promise it returns) and answers its value as JSON. */
    public JsonNode evaluate(String expression) {
        var result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("Script failed in the page: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    public JsonNode waitFor(String expression, Predicate<JsonNode> done) {
        return Eventually.assertThat(() -> evaluate(expression), done);
    }

    public void screenshot(Path file) throws IOException {
        var shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        page.abort();
        // Chromium's helpers (renderer, GPU, crash handler) outlive the browser process and write to the profile
        var helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        for (var helper : helpers) {
            helper.onExit().get(10, TimeUnit.SECONDS);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                org.springframework.util.FileSystemUtils.deleteRecursively(profile);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException stillWritten) {
                if (attempt == 20) {
                    throw stillWritten;
                }
                Thread.sleep(100);
            }
        }
    }
}
