package com.postr.app.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refusals made before Spring MVC sees a request still answer in the one error format: Spring Security's
 * firewall (an unknown method such as PROPFIND or TRACE, an encoded slash, a NUL in the path) and Tomcat itself
 * (a malformed URL or query, invalid UTF-8, too many parameters), which would otherwise answer with its own HTML
 * page or an empty body.
 */
@Configuration(proxyBeanMethods = false)
class RefusalsBeforeSpring {

    /** The methods the API speaks; anything else is 405 with this list. */
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    @Bean
    RequestRejectedHandler firewallRefusals(ErrorResponses errors) {
        return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection) -> {
            if (rejection.getMessage() != null && rejection.getMessage().contains("HTTP method")) {
                response.setHeader("Allow", ALLOWED_METHODS);
                errors.write(request, response, ErrorCode.METHOD_NOT_ALLOWED, "Method " + request.getMethod()
                        + " is not allowed", Map.of("allowed", List.of(ALLOWED_METHODS.split(", "))));
                return;
            }
            errors.write(request, response, ErrorCode.INVALID_REQUEST, "The request URL contains characters or "
                    + "sequences that are not allowed (encoded slashes, backslashes, NUL, '..')", Map.of());
        };
    }

    /** Tomcat makes the host's error valve from a class name, in place of its HTML one. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerRefusals() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report, written as the API's error body instead of an HTML page. */
    public static final class JsonErrorReportValve extends ErrorReportValve {

        // the HTTP mapper's naming, built here because Tomcat, not Spring, makes this valve
        private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var code = ErrorCode.forStatus(status);
            var message = status >= 500 ? "An unexpected error occurred" : "The request is malformed: "
                    + "check the URL's encoding (UTF-8, no encoded NUL, slash or backslash) and its parameters";
            var requestId = "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            try {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader("X-Request-Id", requestId);
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(mapper.writeValueAsString(ApiError.of(code, message, Map.of(), requestId)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer already started; nothing more to say
            }
        }
    }
}
