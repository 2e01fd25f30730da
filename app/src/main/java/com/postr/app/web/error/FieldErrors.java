package com.postr.app.web.error;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VALIDATION_ERROR answer, {@code details.fields} naming each offending field in the client's own
 * (snake_case, JSON path) terms, and the wording of what a field must be.
 */
final class FieldErrors {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FieldErrors() {
    }

    static ResponseEntity<ApiError> answer(ErrorResponses errors, HttpServletRequest request,
                                           List<Map<String, Object>> fields) {
        var first = fields.isEmpty() ? "Request is invalid"
                : ("" + fields.get(0).get("field")).isEmpty() ? "" + fields.get(0).get("message")
                : fields.get(0).get("field") + " " + fields.get(0).get("message");
        return errors.entity(request, ErrorCode.VALIDATION_ERROR, first, Map.of("fields", fields));
    }

    static String snake(String javaName) {
        return SNAKE.translate(javaName);
    }

    static Map<String, Object> field(String name, String message) {
        var field = new LinkedHashMap<String, Object>();
        field.put("field", name);
        field.put("message", message);
        return field;
    }

    /** Bean-validation paths use Java names; clients know the snake_case ones. */
    static String snakePath(String javaPath) {
        Matcher m = PATH_SEGMENT.matcher(javaPath);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SNAKE.translate(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }
}
