package com.postr.app.web.filter;

import com.postr.app.web.HttpProperties;

import com.postr.app.web.filter.CorsConfiguration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ErrorCode;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Lets the frontends named in {@code postr.http.cors.allowed-origins} call the API from browsers. With no origin
 * configured, no cross-origin call is allowed. A refused origin gets the standard error body, not Spring's plain
 * text.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(HttpProperties properties, ObjectMapper objectMapper) {
        var config = new org.springframework.web.cors.CorsConfiguration();
        config.setAllowedOriginPatterns(properties.cors().allowedOrigins().stream().map(String::strip)
                .filter(origin -> !origin.isEmpty()).toList());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                "Idempotency-Key", "X-Request-Id"));
        config.setExposedHeaders(List.of("Location", "ETag", "X-Request-Id", "Idempotent-Replayed", "Retry-After",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"));
        config.setAllowCredentials(properties.cors().allowCredentials());
        config.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        var filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                response.setStatusCode(ErrorCode.FORBIDDEN.status());
                response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                objectMapper.writeValue(response.getBody(), ApiError.of(ErrorCode.FORBIDDEN,
                        "This origin may not call the API from a browser", Map.of(), MDC.get("request_id")));
                response.flush();
            }
        });
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3); // after the request id, before anything else
        return registration;
    }
}
