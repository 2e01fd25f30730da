package com.postr.app.web.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.postr.app.web.filter.ControlCharacters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Why a request body could not be read, in the client's terms: the JSON path of the field, and what is wrong. */
final class RequestBodyErrors {

    private RequestBodyErrors() {
    }

    /** A body Jackson could not read: which field, and what it must be; or why the whole body is refused. */
    static ResponseEntity<ApiError> answer(HttpMessageNotReadableException e, ErrorResponses errors,
                                           HttpServletRequest request) {
        var cause = e.getCause();
        if (cause instanceof StreamConstraintsException constraints) {
            return errors.entity(request, ErrorCode.INVALID_REQUEST, "Request body exceeds a JSON limit: "
                    + constraints.getOriginalMessage(), Map.of());
        }
        if (cause instanceof JsonParseException parse && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(duplicatePath(parse), "appears more than once")));
        }
        if (cause instanceof JsonParseException parse) {
            return errors.entity(request, ErrorCode.INVALID_REQUEST, "Malformed JSON: " + parse.getOriginalMessage(),
                    Map.of("line", parse.getLocation().getLineNr(), "column", parse.getLocation().getColumnNr()));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(unknown), "is not a known field")));
        }
        if (cause instanceof InvalidFormatException format
                && ControlCharacters.MESSAGE.equals(format.getOriginalMessage())) {
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(format), ControlCharacters.MESSAGE)));
        }
        if (cause instanceof MismatchedInputException trailing
                && trailing.getOriginalMessage().startsWith("Trailing token")) {
            return errors.entity(request, ErrorCode.INVALID_REQUEST, "Request body must be exactly one JSON value; "
                    + "there is more content after it", Map.of());
        }
        if (cause instanceof InvalidFormatException format) {
            var target = format.getTargetType();
            var message = target != null && target.isEnum()
                    ? "must be one of " + Arrays.toString(target.getEnumConstants())
                    : "must be " + FieldErrors.describe(target);
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(format), message)));
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            var reason = instantiation.getCause() == null ? "is invalid" : "is invalid: "
                    + instantiation.getCause().getMessage();
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(instantiation), reason)));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            var message = mismatch.getPath().isEmpty() ? "Request body must be a JSON object" : null;
            if (message != null) {
                return errors.entity(request, ErrorCode.INVALID_REQUEST, message, Map.of());
            }
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(mismatch), "must be " + FieldErrors.describe(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonMappingException mapping) {
            return FieldErrors.answer(errors, request, List.of(FieldErrors.field(path(mapping), "is invalid")));
        }
        return errors.entity(request, ErrorCode.INVALID_REQUEST, "Request body is missing or unreadable", Map.of());
    }


    /** JSON path in the names the client sent, e.g. {@code variants[0].price.amount}. */
    static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where a repeated key stands, e.g. {@code items[0].quantity}, from the parser's position. */
    static String duplicatePath(JsonParseException e) {
        var name = e.getOriginalMessage().replaceFirst("^Duplicate field '(.*)'$", "$1");
        JsonParser parser = e.getProcessor();
        if (parser == null) {
            return name;
        }
        var path = new StringBuilder();
        for (var part : parser.getParsingContext().pathAsPointer().toString().split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            var decoded = part.replace("~1", "/").replace("~0", "~");
            path.append(decoded.chars().allMatch(Character::isDigit) ? "[" + decoded + "]"
                    : (path.isEmpty() ? "" : ".") + decoded);
        }
        return path.isEmpty() || !path.toString().endsWith(name) ? name : path.toString();
    }
}
