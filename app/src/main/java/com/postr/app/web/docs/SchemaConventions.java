package com.postr.app.web.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the HTTP mapper does that the generated schemas would not say (application.yml, spring.jackson): every
 * property is written even when it is null, so an optional property may be null; and a {@code Map<String, Object>}
 * holds any JSON value, not only objects. Runs after every other customizer, over every schema.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SchemaConventions implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        openApi.getComponents().getSchemas().values().forEach(SchemaConventions::conventions);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void conventions(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        var required = new HashSet<>(schema.getRequired() == null ? List.<String>of() : schema.getRequired());
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            var value = property.getValue();
            anyValueInMaps(value);
            if (!required.contains(property.getKey())) {
                property.setValue(nullable(value));
            }
        }
    }

    /** {@code additionalProperties: {type: object}} is how a {@code Map<String, Object>} comes out. */
    private static void anyValueInMaps(Schema<?> schema) {
        if (schema.getAdditionalProperties() instanceof Schema<?> values && values.get$ref() == null
                && values.getProperties() == null && ("object".equals(values.getType())
                || values.getTypes() != null && values.getTypes().equals(Set.of("object")))) {
            schema.setAdditionalProperties(new Schema<>());
        }
    }

    private static Schema<?> nullable(Schema<?> schema) {
        if (schema.get$ref() != null) {
            var nullType = new Schema<>();
            nullType.setTypes(Set.of("null"));
            nullType.setType("null");
            return new Schema<>().anyOf(List.of(new Schema<>().$ref(schema.get$ref()), nullType));
        }
        schema.setNullable(true);
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            var types = new LinkedHashSet<>(schema.getTypes());
            types.add("null");
            schema.setTypes(types);
        }
        return schema;
    }
}
