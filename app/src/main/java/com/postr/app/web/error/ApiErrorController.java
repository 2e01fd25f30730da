package com.postr.app.web.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Errors that never reach a controller (rejected by the servlet container or a filter that only set a status)
 * still answer in the documented format instead of Spring Boot's default body.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    private final ErrorResponses errors;

    ApiErrorController(ErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.causes(failure)) {
            return ApiExceptionHandler.unavailable(failure, request, errors); // a filter's query lost the database
        }
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s ? s : 500;
        var code = ErrorCode.forStatus(status);
        var message = status >= 500 ? "An unexpected error occurred; quote the request id when reporting it"
                : "The request could not be processed";
        var response = errors.entity(request, code, message, Map.of());
        return ResponseEntity.status(status).headers(response.getHeaders()).body(response.getBody());
    }
}
