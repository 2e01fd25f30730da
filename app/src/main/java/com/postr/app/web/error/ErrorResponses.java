package com.postr.app.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.app.web.filter.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;

/** Builds error responses in the one documented format, for controllers, advice, filters and the error page. */
@Component
public class ErrorResponses {

    private final ObjectMapper objectMapper;

    ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public ResponseEntity<ApiError> entity(HttpServletRequest request, ErrorCode code, String message,
                                           Map<String, Object> details) {
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(code, message, details, RequestIdFilter.requestId(request)));
    }

    /** For code that runs outside Spring MVC (servlet filters), where no message converter is at hand. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message,
                      Map<String, Object> details) throws IOException {
        var requestId = RequestIdFilter.requestId(request);
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (!response.containsHeader(RequestIdFilter.HEADER)) {
            response.setHeader(RequestIdFilter.HEADER, requestId); // refused before the request id filter ran
        }
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(code, message, details, requestId));
    }
}
