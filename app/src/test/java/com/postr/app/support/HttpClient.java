package com.postr.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON-over-HTTP client for tests: never throws on 4xx/5xx, so tests assert on them. Like a well-behaved
 * API client (Stripe's SDKs do the same) it sends a fresh Idempotency-Key with every POST, PUT and PATCH unless
 * the test gives one or asks for none; with a bearer token it signs every request.
 */
public final class HttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String bearer;
    private final boolean idempotencyKeys;
    private final Map<String, String> fixedHeaders;

    public HttpClient(int port) {
        this("http://localhost:" + port, null, true, Map.of());
    }

    private HttpClient(String base, String bearer, boolean idempotencyKeys, Map<String, String> fixedHeaders) {
        this.base = base;
        this.bearer = bearer;
        this.idempotencyKeys = idempotencyKeys;
        this.fixedHeaders = fixedHeaders;
    }

    /** The same client, signing every request with this access token. */
    public HttpClient withToken(String accessToken) {
        return new HttpClient(base, accessToken, idempotencyKeys, fixedHeaders);
    }

    /** The same client, without a token (a guest). */
    public HttpClient anonymous() {
        return new HttpClient(base, null, idempotencyKeys, fixedHeaders);
    }

    /** The same client, sending no Idempotency-Key unless a test passes one. */
    public HttpClient withoutIdempotencyKeys() {
        return new HttpClient(base, bearer, false, fixedHeaders);
    }

    /** The same client, adding this header to every request (for example a guest's X-Cart-Token). */
    public HttpClient withHeader(String name, String value) {
        var headers = new java.util.HashMap<>(fixedHeaders);
        headers.put(name, value);
        return new HttpClient(base, bearer, idempotencyKeys, Map.copyOf(headers));
    }

    public String token() {
        return bearer;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    public Response post(String path, String json) {
        return send(method("POST", path, json), Map.of());
    }

    public Response patch(String path, String json) {
        return send(method("PATCH", path, json), Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Response send(String method, String path, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder, headers);
    }

    /** Sends the body with chunked transfer encoding (no Content-Length), as a streaming client would. */
    public Response postChunked(String path, byte[] body) {
        var publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(publisher),
                Map.of("Content-Type", "application/json"));
    }

    private HttpRequest.Builder method(String method, String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        var all = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(fixedHeaders);
        all.putAll(headers);
        if (bearer != null) {
            all.putIfAbsent("Authorization", "Bearer " + bearer);
        }
        var method = builder.build().method();
        if (idempotencyKeys && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            all.putIfAbsent("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        all.forEach(builder::header);
        try {
            var response = CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }
}
