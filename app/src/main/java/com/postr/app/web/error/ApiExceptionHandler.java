package com.postr.app.web.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Rejection;
import com.postr.app.idempotency.IdempotentEffects;
import com.postr.app.web.ControlCharacters;
import com.postr.app.web.PayloadTooLargeException;
import com.postr.app.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps every failure to the documented error body. Client mistakes become 4xx with the offending field named in
 * the client's own (snake_case) terms; only the unexpected becomes a 500, logged with its request id, and its
 * body never carries a stack trace or an internal message.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ErrorResponses errors;

    ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        return errors.entity(request, e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        var fields = new ArrayList<Map<String, Object>>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.add(field(snakePath(error.getField()), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> fields.add(field("", error.getDefaultMessage())));
        return validation(request, fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        var fields = new ArrayList<Map<String, Object>>();
        e.getParameterValidationResults().forEach(result -> {
            var name = Optional.ofNullable(result.getMethodParameter().getParameterName()).orElse("parameter");
            result.getResolvableErrors().forEach(error -> fields.add(field(SNAKE.translate(name),
                    error.getDefaultMessage())));
        });
        return validation(request, fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        var fields = e.getConstraintViolations().stream()
                .map(v -> field(snakePath(v.getPropertyPath().toString()), v.getMessage())).toList();
        return validation(request, fields);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        var expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return validation(request, List.of(field(SNAKE.translate(e.getName()), "must be " + expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return validation(request, List.of(field(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ApiError> binding(ServletRequestBindingException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.INVALID_REQUEST, e.getBody().getDetail(), Map.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (causeOf(e, PayloadTooLargeException.class).isPresent()) {
            return tooLarge(causeOf(e, PayloadTooLargeException.class).get(), request);
        }
        var cause = e.getCause();
        if (cause instanceof StreamConstraintsException constraints) {
            return errors.entity(request, ErrorCode.INVALID_REQUEST, "Request body exceeds a JSON limit: "
                    + constraints.getOriginalMessage(), Map.of());
        }
        if (cause instanceof JsonParseException parse && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return validation(request, List.of(field(duplicatePath(parse), "appears more than once")));
        }
        if (cause instanceof JsonParseException parse) {
            return errors.entity(request, ErrorCode.INVALID_REQUEST, "Malformed JSON: " + parse.getOriginalMessage(),
                    Map.of("line", parse.getLocation().getLineNr(), "column", parse.getLocation().getColumnNr()));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return validation(request, List.of(field(path(unknown), "is not a known field")));
        }
        if (cause instanceof InvalidFormatException format
                && ControlCharacters.MESSAGE.equals(format.getOriginalMessage())) {
            return validation(request, List.of(field(path(format), ControlCharacters.MESSAGE)));
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
                    : "must be " + describe(target);
            return validation(request, List.of(field(path(format), message)));
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            var reason = instantiation.getCause() == null ? "is invalid" : "is invalid: "
                    + instantiation.getCause().getMessage();
            return validation(request, List.of(field(path(instantiation), reason)));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            var message = mismatch.getPath().isEmpty() ? "Request body must be a JSON object" : null;
            if (message != null) {
                return errors.entity(request, ErrorCode.INVALID_REQUEST, message, Map.of());
            }
            return validation(request, List.of(field(path(mismatch), "must be " + describe(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonMappingException mapping) {
            return validation(request, List.of(field(path(mapping), "is invalid")));
        }
        return errors.entity(request, ErrorCode.INVALID_REQUEST, "Request body is missing or unreadable", Map.of());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), Map.of("max_bytes", e.limit()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", Map.of());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> noRoute(Exception e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.NOT_FOUND, "No resource at " + request.getRequestURI(), Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var allowed = e.getSupportedHttpMethods() == null ? List.of() : e.getSupportedHttpMethods().stream()
                .map(Object::toString).toList();
        var response = errors.entity(request, ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here", Map.of("allowed", allowed));
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Allow", String.join(", ", allowed.stream().map(Object::toString).toList()))
                .body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + e.getContentType() + " is not supported; send application/json", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.NOT_ACCEPTABLE, "This resource produces application/json",
                Map.of());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ApiError> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        var rejection = e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast);
        if (rejection.isPresent()) {
            return rejected(rejection.get(), request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(IdempotentEffects.AlreadyAppliedException.class)
    ResponseEntity<ApiError> alreadyApplied(IdempotentEffects.AlreadyAppliedException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.DUPLICATE_REQUEST, "A request with this Idempotency-Key was "
                + "already applied, but its answer was lost (a restart, say); read the resource to see the result",
                Map.of("idempotency_key", e.key(), "applied", true));
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ApiError> commandRejected(CommandRejectedException e, HttpServletRequest request) {
        return rejected(e.rejection(), request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiError> aggregateNotFound(AggregateNotFoundException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.NOT_FOUND, "'" + e.getAggregateIdentifier() + "' not found",
                Map.of("id", String.valueOf(e.getAggregateIdentifier())));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ApiError> staleVersion(ConflictingAggregateVersionException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.PRECONDITION_FAILED, "The resource changed since version "
                + e.getExpectedVersion() + "; read it again and retry with its current ETag",
                Map.of("expected_version", e.getExpectedVersion(), "current_version", e.getActualVersion()));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ApiError> alreadyExists(AggregateStreamCreationException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.CONFLICT, "A resource with this identity already exists", Map.of());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrency(Exception e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.CONFLICT,
                "The resource was changed concurrently; read it again and retry", Map.of());
    }

    @ExceptionHandler({NoHandlerForCommandException.class, NoHandlerForQueryException.class})
    ResponseEntity<ApiError> roleMissing(Exception e, HttpServletRequest request) {
        log.error("No handler for a message: is the role that handles it deployed? {}", e.getMessage());
        return errors.entity(request, ErrorCode.SERVICE_UNAVAILABLE,
                "This operation is temporarily unavailable", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        // Failures raised while committing (e.g. the SKU registry losing a race) arrive wrapped.
        var rejected = causeOf(e, CommandRejectedException.class);
        if (rejected.isPresent()) {
            return rejected(rejected.get().rejection(), request);
        }
        if (causeOf(e, ConcurrencyException.class).isPresent()) {
            return concurrency(causeOf(e, ConcurrencyException.class).get(), request);
        }
        if (DatabaseUnavailable.causes(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected failure of {} {} [request {}]", request.getMethod(), request.getRequestURI(),
                RequestIdFilter.requestId(request), e);
        return errors.entity(request, ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request id when reporting it", Map.of());
    }

    /** The database is restarting or unreachable: the client should retry (with its Idempotency-Key). */
    static ResponseEntity<ApiError> unavailable(Throwable e, HttpServletRequest request, ErrorResponses errors) {
        log.warn("Database unavailable during {} {} [request {}]: {}", request.getMethod(), request.getRequestURI(),
                RequestIdFilter.requestId(request), e.toString());
        var response = errors.entity(request, ErrorCode.SERVICE_UNAVAILABLE, "The service is briefly unavailable; "
                + "retry shortly with the same Idempotency-Key", Map.of());
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).body(response.getBody());
    }

    private ResponseEntity<ApiError> unavailable(Throwable e, HttpServletRequest request) {
        return unavailable(e, request, errors);
    }

    private ResponseEntity<ApiError> rejected(Rejection rejection, HttpServletRequest request) {
        var code = switch (rejection.code()) {
            case NOT_FOUND, UNKNOWN_VARIANT -> ErrorCode.NOT_FOUND;
            case VALIDATION_ERROR -> ErrorCode.VALIDATION_ERROR;
            case DUPLICATE_SKU -> ErrorCode.DUPLICATE_SKU;
            case PRODUCT_DISCONTINUED -> ErrorCode.PRODUCT_DISCONTINUED;
            case INSUFFICIENT_INVENTORY -> ErrorCode.INSUFFICIENT_INVENTORY;
            case RESERVATION_CONFLICT -> ErrorCode.RESERVATION_CONFLICT;
            case RESERVATION_NOT_ACTIVE -> ErrorCode.RESERVATION_NOT_ACTIVE;
            case STOCK_BELOW_RESERVED -> ErrorCode.STOCK_BELOW_RESERVED;
            case INVALID_STATE_TRANSITION -> ErrorCode.INVALID_STATE_TRANSITION;
            case NOT_FOR_SALE -> ErrorCode.NOT_FOR_SALE;
            case UNSUPPORTED_DESTINATION -> ErrorCode.UNSUPPORTED_DESTINATION;
            case PROMO_CODE_INVALID -> ErrorCode.PROMO_CODE_INVALID;
            case CONCURRENT_MODIFICATION -> ErrorCode.CONFLICT;
            case NOT_PERMITTED -> ErrorCode.FORBIDDEN;
        };
        return errors.entity(request, code, rejection.message(), rejection.details());
    }

    private ResponseEntity<ApiError> validation(HttpServletRequest request, List<Map<String, Object>> fields) {
        var first = fields.isEmpty() ? "Request is invalid"
                : ("" + fields.get(0).get("field")).isEmpty() ? "" + fields.get(0).get("message")
                : fields.get(0).get("field") + " " + fields.get(0).get("message");
        return errors.entity(request, ErrorCode.VALIDATION_ERROR, first, Map.of("fields", fields));
    }

    private static Map<String, Object> field(String name, String message) {
        var field = new LinkedHashMap<String, Object>();
        field.put("field", name);
        field.put("message", message);
        return field;
    }

    /** JSON path in the names the client sent, e.g. {@code variants[0].price.amount}. */
    private static String path(JsonMappingException e) {
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
    private static String duplicatePath(JsonParseException e) {
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

    /** Bean-validation paths use Java names; clients know the snake_case ones. */
    private static String snakePath(String javaPath) {
        Matcher m = PATH_SEGMENT.matcher(javaPath);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SNAKE.translate(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String describe(Class<?> type) {
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

    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
