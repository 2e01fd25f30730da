package com.postr.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * @param maxRequestBody       largest request body accepted; larger ones get 413 before they are parsed
 * @param readYourWritesTimeout how long a write waits for the read model to show its effect (docs/api.md)
 * @param cors                 which browser frontends may call the API
 */
@ConfigurationProperties("postr.http")
public record HttpProperties(@DefaultValue("256KB") DataSize maxRequestBody,
                             @DefaultValue("5s") Duration readYourWritesTimeout,
                             @DefaultValue Cors cors) {

    public HttpProperties {
        if (maxRequestBody == null || maxRequestBody.toBytes() <= 0) {
            throw new IllegalArgumentException("postr.http.max-request-body must be positive (256KB, 1MB)");
        }
        if (readYourWritesTimeout == null || readYourWritesTimeout.isNegative()) {
            throw new IllegalArgumentException("postr.http.read-your-writes-timeout must be zero or more");
        }
    }

    /**
     * @param allowedOrigins   browser origins (patterns such as {@code https://*.postr.example}) allowed to call
     *                         the API; empty allows none
     * @param allowCredentials whether those origins may send cookies or HTTP authentication
     */
    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials) {
    }
}
