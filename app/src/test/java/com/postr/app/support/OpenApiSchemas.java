package com.postr.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schemas of an OpenAPI document (3.0 or 3.1), used both ways: to build a request body from the document's
 * own examples, and to check an answer against the schema declared for it. Checking is strict where OpenAPI is
 * lenient: a property the schema does not declare is an error, since a client generated from the document would
 * not know it, and a declared property under another name is exactly the drift to catch.
 */
public final class OpenApiSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonNode document;

    public OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    public JsonNode resolve(JsonNode schema) {
        var seen = new HashSet<String>();
        while (schema != null && schema.has("$ref")) {
            var ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/") || !seen.add(ref)) {
                throw new IllegalArgumentException("Unresolvable reference " + ref);
            }
            var target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("Dangling reference " + ref);
            }
            schema = target;
        }
        return schema;
    }

    private static Set<String> types(JsonNode schema) {
        var types = new HashSet<String>();
        var type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        if (schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        return types;
    }

    // --- building requests ---------------------------------------------------------------------------------

    /** A value for {@code schema}: its example, else its first enum value, else the simplest valid value. */
    public JsonNode example(JsonNode schema) {
        schema = resolve(schema);
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        var types = types(schema);
        if (types.contains("object") || schema.has("properties")) {
            var body = NODES.objectNode();
            var required = new HashSet<String>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            schema.path("properties").fields().forEachRemaining(p -> {
                var property = p.getValue();
                // required properties, and the optional ones the document gives an example of
                if (required.contains(p.getKey()) || property.has("example") || property.has("examples")) {
                    body.set(p.getKey(), example(property));
                }
            });
            return body;
        }
        if (types.contains("array")) {
            var items = NODES.arrayNode();
            int count = Math.max(1, schema.path("minItems").asInt(1));
            for (int i = 0; i < count; i++) {
                items.add(example(schema.get("items")));
            }
            return items;
        }
        if (types.contains("integer")) {
            return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asLong(), 1) : 1);
        }
        if (types.contains("number")) {
            return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asDouble(), 1) : 1);
        }
        if (types.contains("boolean")) {
            return NODES.booleanNode(false);
        }
        if (types.contains("string")) {
            if (schema.has("pattern")) {
                throw new IllegalArgumentException("A string with a pattern needs an example in the document: "
                        + schema);
            }
            return switch (schema.path("format").asText()) {
                case "date-time" -> NODES.textNode(Instant.now().toString());
                case "date" -> NODES.textNode(LocalDate.now().toString());
                case "email" -> NODES.textNode("someone@example.com");
                default -> NODES.textNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
            };
        }
        throw new IllegalArgumentException("No example can be made for " + schema);
    }

    // --- checking answers ----------------------------------------------------------------------------------

    /** Every way {@code value} breaks {@code schema}, as JSON paths with reasons; empty when it conforms. */
    public List<String> violations(JsonNode value, JsonNode schema) {
        var found = new ArrayList<String>();
        check(value, schema, "$", found);
        return found;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> found) {
        schema = resolve(schema);
        if (schema == null || schema.isEmpty()) {
            return; // {} allows anything
        }
        if (schema.has("allOf")) {
            for (var part : schema.get("allOf")) {
                check(value, part, path, found);
            }
        }
        for (var union : List.of("oneOf", "anyOf")) {
            if (schema.has(union)) {
                boolean any = false;
                for (var option : schema.get(union)) {
                    var sub = new ArrayList<String>();
                    check(value, option, path, sub);
                    any |= sub.isEmpty();
                }
                if (!any) {
                    found.add(path + ": matches none of " + union);
                }
            }
        }
        var types = types(schema);
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                found.add(path + ": null where " + types + " is declared");
            }
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (var option : schema.get("enum")) {
                listed |= option.equals(value) || option.asText().equals(value.asText());
            }
            if (!listed) {
                found.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (!types.isEmpty() && !types.contains(typeOf(value))
                && !(types.contains("number") && value.isNumber())) {
            found.add(path + ": " + typeOf(value) + " where " + types + " is declared");
            return;
        }
        if (value.isTextual()) {
            checkString(value.asText(), schema, path, found);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", found);
            }
        }
        if (value.isObject()) {
            checkObject((ObjectNode) value, schema, path, found);
        }
    }

    private static void checkString(String text, JsonNode schema, String path, List<String> found) {
        try {
            switch (schema.path("format").asText()) {
                case "date-time" -> Instant.parse(text);
                case "date" -> LocalDate.parse(text);
                default -> { }
            }
        } catch (RuntimeException e) {
            found.add(path + ": '" + text + "' is not a " + schema.get("format").asText());
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            found.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
    }

    private void checkObject(ObjectNode value, JsonNode schema, String path, List<String> found) {
        var properties = schema.path("properties");
        schema.path("required").forEach(r -> {
            if (!value.has(r.asText())) {
                found.add(path + ": required property " + r.asText() + " is missing");
            }
        });
        var additional = schema.get("additionalProperties");
        value.fields().forEachRemaining(field -> {
            var declared = properties.get(field.getKey());
            if (declared != null) {
                check(field.getValue(), declared, path + "." + field.getKey(), found);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, path + "." + field.getKey(), found);
            } else if (!properties.isMissingNode() || additional != null && !additional.asBoolean(true)) {
                found.add(path + ": property " + field.getKey() + " is not in the schema");
            } // an object with no declared properties is free-form
        });
    }

    private static String typeOf(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    /** A JSON copy with {@code pointer} set to {@code replacement} (or removed when it is null). */
    public static JsonNode with(JsonNode body, String pointer, JsonNode replacement) {
        var copy = body.deepCopy();
        var slash = pointer.lastIndexOf('/');
        var parent = copy.at(pointer.substring(0, slash));
        var key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(key);
            } else {
                object.set(key, replacement);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), replacement);
        } else {
            throw new IllegalArgumentException("No " + pointer + " in " + body);
        }
        return copy;
    }

    public static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    public static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
