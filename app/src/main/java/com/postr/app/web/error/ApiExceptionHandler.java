package com.postr.app.web.error;

import com.postr.api.catalog.SearchUnavailableException;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Rejection;
import com.postr.app.idempotency.IdempotentEffects;
import com.postr.identity.IdentityException;
import com.postr.app.web.filter.PayloadTooLargeException;
import com.postr.app.web.filter.RequestIdFilter;
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
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps every failure to the documented error body. Client mistakes become 4xx with the offending field named in
 * the client's own (snake_case) terms; only the unexpected becomes a 500, logged with its request id, and its
 * body never carries a stack trace or an internal message.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorResponses errors;

    ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    // --- the framework's own exceptions: Spring decides the status, we give the body its one format -----------

    /** Every framework exception not shaped below: its status, the documented body, Spring's headers. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        var detail = e instanceof ErrorResponse response && response.getBody().getDetail() != null
                ? response.getBody().getDetail() : "The request could not be processed";
        return framework(errors.entity(servlet(request), ErrorCode.forStatus(status.value()), detail, Map.of()),
                headers);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        var fields = new ArrayList<Map<String, Object>>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.add(FieldErrors.field(FieldErrors.snakePath(error.getField()), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> fields.add(FieldErrors.field("", error.getDefaultMessage())));
        return framework(FieldErrors.answer(errors, servlet(request), fields), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        var fields = new ArrayList<Map<String, Object>>();
        e.getParameterValidationResults().forEach(result -> {
            var name = Optional.ofNullable(result.getMethodParameter().getParameterName()).orElse("parameter");
            result.getResolvableErrors().forEach(error -> fields.add(FieldErrors.field(FieldErrors.snake(name),
                    error.getDefaultMessage())));
        });
        return framework(FieldErrors.answer(errors, servlet(request), fields), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        var name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : Optional.ofNullable(e.getPropertyName()).orElse("parameter");
        var expected = e.getRequiredType() == null ? "a valid value" : FieldErrors.describe(e.getRequiredType());
        return framework(FieldErrors.answer(errors, servlet(request),
                List.of(FieldErrors.field(FieldErrors.snake(name), "must be " + expected))), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        return framework(FieldErrors.answer(errors, servlet(request),
                List.of(FieldErrors.field(e.getParameterName(), "is required"))), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        var tooLarge = causeOf(e, PayloadTooLargeException.class);
        if (tooLarge.isPresent()) {
            return framework(tooLarge(tooLarge.get(), servlet(request)), headers);
        }
        return framework(RequestBodyErrors.answer(e, errors, servlet(request)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        return framework(errors.entity(servlet(request), ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large",
                Map.of()), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return framework(noRoute(servlet(request)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return framework(noRoute(servlet(request)), headers);
    }

    /** Spring's headers carry {@code Allow}; the body lists the same methods. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        var allowed = e.getSupportedHttpMethods() == null ? List.<String>of() : e.getSupportedHttpMethods().stream()
                .map(Object::toString).toList();
        headers.setAllow(e.getSupportedHttpMethods() == null ? java.util.Set.of() : e.getSupportedHttpMethods());
        return framework(errors.entity(servlet(request), ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here", Map.of("allowed", allowed)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return framework(errors.entity(servlet(request), ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + e.getContentType() + " is not supported; send application/json", Map.of()),
                headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        // Spring would advertise the types it can produce; there is one, and the body says it
        return framework(errors.entity(servlet(request), ErrorCode.NOT_ACCEPTABLE,
                "This resource produces application/json", Map.of()), new HttpHeaders());
    }

    private ResponseEntity<ApiError> noRoute(HttpServletRequest request) {
        return errors.entity(request, ErrorCode.NOT_FOUND, "No resource at " + request.getRequestURI(), Map.of());
    }

    /** Our body with the status it carries, plus the headers Spring chose (Allow, say). */
    private static ResponseEntity<Object> framework(ResponseEntity<ApiError> answer, HttpHeaders headers) {
        var merged = new HttpHeaders();
        merged.putAll(headers);
        merged.putAll(answer.getHeaders());
        return ResponseEntity.status(answer.getStatusCode()).headers(merged).body(answer.getBody());
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }

    // --- our own exceptions ------------------------------------------------------------------------------------

    /** Identity names its refusals as the edge names its error codes. */
    @ExceptionHandler(IdentityException.class)
    ResponseEntity<ApiError> identity(IdentityException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.valueOf(e.reason().name()), e.getMessage(), e.details());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        var response = errors.entity(request, e.code(), e.getMessage(), e.details());
        if (e.details().get("retry_after_seconds") instanceof Integer seconds) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header("Retry-After", seconds.toString()).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        var fields = e.getConstraintViolations().stream()
                .map(v -> FieldErrors.field(FieldErrors.snakePath(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return FieldErrors.answer(errors, request, fields);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return errors.entity(request, ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), Map.of("max_bytes", e.limit()));
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

    @ExceptionHandler(SearchUnavailableException.class)
    ResponseEntity<ApiError> searchUnavailable(SearchUnavailableException e, HttpServletRequest request) {
        log.warn("Search unavailable [request {}]: {}", RequestIdFilter.requestId(request), e.getMessage());
        var response = errors.entity(request, ErrorCode.SEARCH_UNAVAILABLE,
                "Search is briefly unavailable; browsing and ordering still work, retry the search shortly", Map.of());
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Retry-After", "5").body(response.getBody());
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
        var searchDown = causeOf(e, SearchUnavailableException.class);
        if (searchDown.isPresent()) {
            return searchUnavailable(searchDown.get(), request);
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
            case UNSUPPORTED_CURRENCY -> ErrorCode.UNSUPPORTED_CURRENCY;
            case PRICE_CHANGED -> ErrorCode.PRICE_CHANGED;
            case CONCURRENT_MODIFICATION -> ErrorCode.CONFLICT;
            case NOT_PERMITTED -> ErrorCode.FORBIDDEN;
        };
        return errors.entity(request, code, rejection.message(), rejection.details());
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
