package com.postr.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input for every operation the app's own OpenAPI document lists, so a new endpoint is covered the day it
 * is documented: malformed and mistyped bodies, duplicate keys, control characters, huge and deep values, odd
 * content types, methods, paths and query values. Each answer must be below 500 and, when a refusal, in the
 * documented error format; no refused request may leave an event behind; and the processors must still be healthy,
 * with no new dead letters, afterwards.
 */
@PostrIntegrationTest
class ContractFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random(17);
    private static final String LONG = "x".repeat(5_000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** One request of the corpus, and why it was sent. */
    private record Probe(String method, String path, String contentType, String body, String why) {
    }

    @Test
    void noOperationAnswers5xxOrLeavesATraceForHostileInput() throws Exception {
        var admin = Users.admin(port);
        var customer = Users.customer(port);
        var document = admin.get("/v3/api-docs").json();
        long eventsBefore = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry",
                Long.class);
        long deadLettersBefore = jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class);

        var probes = new ArrayList<Probe>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                probes.addAll(corpus(document, path.getKey(), op.getKey().toUpperCase(), op.getValue()));
            }
        }
        probes.addAll(oddMethodsAndUrls());
        assertThat(probes).hasSizeGreaterThan(1_000);

        var failures = new ArrayList<String>();
        var refusedRequestIds = new HashSet<String>();
        int sent = 0;
        for (var probe : probes) {
            for (var caller : List.of(admin, customer)) {
                var headers = new LinkedHashMap<String, String>();
                if (probe.contentType() != null) {
                    headers.put("Content-Type", probe.contentType());
                }
                HttpClient.Response response;
                try {
                    response = caller.send(probe.method(), probe.path(), probe.body(), headers);
                } catch (RuntimeException e) {
                    failures.add(probe.why() + ": " + probe.method() + " " + probe.path() + " -> " + e);
                    continue;
                }
                sent++;
                if (response.status() >= 500) {
                    failures.add(probe.why() + ": " + probe.method() + " " + probe.path() + " -> "
                            + response.status() + " " + response.body());
                } else if (response.status() >= 400 && !probe.method().equals("HEAD")) {
                    var code = errorFormat(response);
                    if (code == null) {
                        failures.add(probe.why() + ": " + probe.method() + " " + probe.path() + " -> "
                                + response.status() + " outside the error format: " + response.body());
                    } else {
                        refusedRequestIds.add(response.json().at("/error/request_id").asText());
                    }
                }
            }
        }
        assertThat(failures).as("of %d requests", sent).isEmpty();

        // nothing refused was half-applied: no stored event carries a refused request's id
        var tainted = jdbc.queryForList("""
                select convert_from(meta_data, 'UTF8')::jsonb ->> 'request_id' from domain_event_entry
                where global_index > ?""", String.class, eventsBefore).stream()
                .filter(refusedRequestIds::contains).toList();
        assertThat(tainted).isEmpty();
        // and the read side is still live, with nothing parked
        var health = admin.get("/actuator/health").json();
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class))
                .isEqualTo(deadLettersBefore);
    }

    /** The error code, if the body is the documented {@code {"error": {code, message, details, request_id}}}. */
    private static String errorFormat(HttpClient.Response response) {
        try {
            var error = response.json().get("error");
            boolean whole = error != null && error.hasNonNull("code") && error.hasNonNull("message")
                    && error.has("details") && error.hasNonNull("request_id") && error.hasNonNull("timestamp");
            return whole ? error.get("code").asText() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static List<Probe> corpus(JsonNode document, String template, String method, JsonNode operation) {
        var probes = new ArrayList<Probe>();
        var queryNames = new ArrayList<String>();
        for (var parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                queryNames.add(parameter.get("name").asText());
            }
        }
        // odd path values
        for (var value : List.of("missing_1", "-1", "0", LONG.substring(0, 300), "%C3%BC%F0%9F%98%80x",
                "%27%20OR%201%3D1%20--", "%00", "%01", "%2e%2e", "a%20b", "%E2%80%AE")) {
            probes.add(new Probe(method, concrete(template, value), null, null, "path value " + value));
        }
        var path = concrete(template, "missing_1");
        // odd query values, each parameter in turn, and unknown or repeated parameters
        for (var name : queryNames) {
            for (var value : List.of("", "-1", "0", "99999999999999999999", "abc", "\u0000", "\u0007bell",
                    "2024-13-45", "-999999999-01-01", "+999999999-12-31", LONG, "true", "[]", "{}", "💥")) {
                probes.add(new Probe(method, path + "?" + name + "=" + encode(value), null, null,
                        "query " + name + "=" + abbreviate(value)));
            }
        }
        probes.add(new Probe(method, path + "?unknown_filter=1&page=1&page=2", null, null, "unknown query"));
        if (!operation.has("requestBody")) {
            return probes;
        }
        var schema = operation.at("/requestBody/content/application~1json/schema");
        var valid = example(document, schema, 0);
        var bodies = new LinkedHashMap<String, String>();
        bodies.put("malformed", "{\"a\": ");
        bodies.put("empty", "");
        bodies.put("null", "null");
        bodies.put("array", "[1, 2]");
        bodies.put("string", "\"text\"");
        bodies.put("number", "12");
        bodies.put("trailing content", "{} {}");
        bodies.put("deep nesting", "[".repeat(3_000) + "]".repeat(3_000));
        bodies.put("deep objects", "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500));
        bodies.put("huge number", "{\"quantity\": 1e400, \"amount\": 123456789012345678901234567890}");
        bodies.put("lone surrogate", "{\"title\": \"\\ud800\"}");
        bodies.put("valid-looking", valid.toString());
        if (valid instanceof ObjectNode object && object.size() > 0) {
            var first = object.fieldNames().next();
            bodies.put("duplicate key", valid.toString().replaceFirst("\\{",
                    "{\"" + first + "\": " + object.get(first) + ", "));
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                var name = names.next();
                for (var mutation : List.of("null", "\"a\\u0000b\"", "\"tab\\there\\u001b\"", "-1", "0",
                        "1e308", "true", "[]", "{}", "\"" + LONG + "\"", "99999999999999999999999")) {
                    var copy = object.deepCopy();
                    copy.set(name, readTree(mutation));
                    bodies.put(name + "=" + abbreviate(mutation), copy.toString());
                }
            }
        }
        bodies.forEach((why, body) -> probes.add(new Probe(method, path, "application/json", body, "body " + why)));
        for (var contentType : List.of("*/*", "application/*", "text/plain", "application/xml",
                "application/json-patch+json", "application/merge-patch+json", "application/json;;",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1")) {
            probes.add(new Probe(method, path, contentType, valid.toString(), "content type " + contentType));
        }
        return probes;
    }

    private static List<Probe> oddMethodsAndUrls() {
        var probes = new ArrayList<Probe>();
        for (var method : List.of("PROPFIND", "TRACE", "FOO", "OPTIONS", "HEAD")) {
            probes.add(new Probe(method, "/api/v1/products", null, null, "method " + method));
            probes.add(new Probe(method, "/api/v1/orders/ord_missing", null, null, "method " + method));
        }
        for (var path : List.of("/api/v1/products/a%00b", "/api/v1/products/a%2Fb", "/api/v1/products/a%5Cb",
                "/api/v1/products/a%C3%28b", "/api/v1/products/%FF", "/api/v1/./products", "/api/v1/products/..;/x",
                "/api/v1/products?" + "p=1&".repeat(120), "/api/v1/nothing-here")) {
            probes.add(new Probe("GET", path, null, null, "url " + abbreviate(path)));
        }
        return probes;
    }

    /** A plausible instance of the schema: every property, with a value of its declared type. */
    private static JsonNode example(JsonNode document, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            var name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return depth > 6 ? JSON.nullNode() : example(document, document.at("/components/schemas/" + name), depth + 1);
        }
        var type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> schema.has("enum") ? schema.get("enum").get(RANDOM.nextInt(schema.get("enum").size()))
                    : JSON.getNodeFactory().textNode("x");
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode().add(example(document, schema.path("items"), depth + 1));
            default -> {
                var object = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                     properties.hasNext(); ) {
                    var property = properties.next();
                    object.set(property.getKey(), example(document, property.getValue(), depth + 1));
                }
                yield object;
            }
        };
    }

    private static String concrete(String template, String value) {
        return template.replaceAll("\\{[^}]+}", value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

}
