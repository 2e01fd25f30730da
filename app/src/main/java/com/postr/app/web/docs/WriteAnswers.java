package com.postr.app.web.docs;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Types the answers of writes ({@link WriteAnswer}) in the OpenAPI document, and adds the schemas they name
 * that no other operation brought in. Schemas are resolved by springdoc's converters, so they follow the HTTP
 * mapper's naming like every other schema.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // its schemas then get SchemaConventions like every other
class WriteAnswers implements OperationCustomizer, OpenApiCustomizer {

    private final Set<Class<?>> answered = ConcurrentHashMap.newKeySet();
    private final ModelConverters converters = new ModelConverters();

    /** @param schemas the resolver every other schema comes from (OpenApiConfiguration), for the same naming */
    WriteAnswers(ModelResolver schemas) {
        converters.addConverter(schemas);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        var answer = handler.getMethodAnnotation(WriteAnswer.class);
        if (answer == null) {
            return operation;
        }
        answered.add(answer.value());
        var done = operation.getResponses().computeIfAbsent(answer.status(),
                code -> new ApiResponse().description("Done; the body is the resource as reads will show it"));
        done.setContent(json(new Schema<>().$ref("#/components/schemas/" + answer.value().getSimpleName())));
        if (!answer.pendingId().isEmpty()) {
            var pending = typed("object")
                    .addProperty(answer.pendingId(), typed("string"))
                    .addProperty("version", typed("integer").format("int64"))
                    .addProperty("status", typed("string")._enum(List.of("pending")));
            pending.setRequired(List.of(answer.pendingId(), "version", "status"));
            operation.getResponses().addApiResponse("202", new ApiResponse()
                    .description("Stored, but the read model had not shown it within the wait; poll the Location "
                            + "until its version is at least this one")
                    .content(json(pending)));
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        for (var type : answered) {
            if (openApi.getComponents().getSchemas() == null
                    || !openApi.getComponents().getSchemas().containsKey(type.getSimpleName())) {
                converters.readAll(new AnnotatedType(type))
                        .forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
            }
        }
    }

    /** The type in both spellings: {@code type} for OpenAPI 3.0, {@code types} for 3.1. */
    private static Schema<Object> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }
}
