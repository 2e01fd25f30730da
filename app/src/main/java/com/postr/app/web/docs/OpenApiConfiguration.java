package com.postr.app.web.docs;


import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI postrOpenApi() {
        return new OpenAPI().info(new Info().title("Postr Commerce API").version("v1")
                .description("Poster store backend. JSON in snake_case; every error has the body "
                        + "{\"error\": {\"code\", \"message\", \"details\", \"request_id\", \"timestamp\"}}. "
                        + "Sign in with POST /api/v1/auth/login and send the access token as a bearer token; "
                        + "which role may call what is in docs/security.md. See docs/api.md."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Schemas from the HTTP mapper itself, so their property names follow its naming strategy (snake_case) and a
     * client generated from the document sends what the API reads. springdoc's own mapper would name them as
     * written in Java.
     */
    @Bean
    ModelResolver snakeCaseSchemas(ObjectMapper httpMapper) {
        return new ModelResolver(httpMapper, new NestedTypeNames());
    }

    /**
     * A nested type is named with its enclosing one ({@code OrderJsonItem}, {@code CartJsonItem}): by simple name
     * alone, the many {@code Item} records would share one schema, and all but one be described wrongly.
     */
    static final class NestedTypeNames extends TypeNameResolver {
        @Override
        protected String getNameOfClass(Class<?> type) {
            var name = super.getNameOfClass(type);
            return type.getEnclosingClass() == null ? name : getNameOfClass(type.getEnclosingClass()) + name;
        }
    }

    /** A response body in the one error format, for documenting an error answer. */
    public static Content errorContent() {
        return new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ApiError")));
    }

    /**
     * The errors every endpoint can answer, in the one error format, so clients see them on each operation
     * without every controller method repeating them. The Idempotency-Key header (and its 409) is documented by
     * the idempotency package, from the filter's own rules.
     */
    @Bean
    OpenApiCustomizer standardErrorResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            var error = errorContent();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!path.startsWith("/api/v1")) {
                    return;
                }
                var standard = new LinkedHashMap<String, String>();
                standard.put("400", "INVALID_REQUEST or VALIDATION_ERROR: malformed or invalid input, every bad field named");
                standard.put("401", "UNAUTHORIZED: no bearer token where one is needed, or an invalid or expired one");
                standard.put("403", "FORBIDDEN: the caller's role may not call this (docs/security.md)");
                if (path.contains("{")) {
                    standard.put("404", "NOT_FOUND (also for another customer's cart or order)");
                }
                if (operation.getRequestBody() != null) {
                    standard.put("413", "PAYLOAD_TOO_LARGE");
                    standard.put("415", "UNSUPPORTED_MEDIA_TYPE");
                }
                standard.put("429", "RATE_LIMIT_EXCEEDED: wait Retry-After seconds");
                standard.put("500", "INTERNAL_ERROR: a bug; quote the request id");
                standard.put("503", method == PathItem.HttpMethod.POST
                        && (path.equals("/api/v1/orders") || path.endsWith("/checkout"))
                        ? "SERVICE_UNAVAILABLE: checkout is busy and placed no order (wait Retry-After seconds, then"
                        + " retry with the same Idempotency-Key), or this node does not serve the request, or it timed out"
                        : "SERVICE_UNAVAILABLE: this node does not serve the request, or it timed out");
                standard.forEach((code, description) -> {
                    if (!operation.getResponses().containsKey(code)) {
                        operation.getResponses().addApiResponse(code,
                                new ApiResponse().description(description).content(error));
                    }
                });
            }));
        };
    }
}
