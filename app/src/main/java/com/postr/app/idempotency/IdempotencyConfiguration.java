package com.postr.app.idempotency;

import com.postr.command.spi.NodeLease;
import com.postr.app.web.docs.OpenApiConfiguration;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Locale;

/**
 * Scheduling for the hourly purge of expired keys ({@link IdempotencyStore#purgeExpired()}), and the header's
 * documentation, derived from the filter's own rules so the two cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {

    /** Every node has a lease, whatever its roles: the edge's key claims name it. */
    @Bean
    NodeLease nodeLease(JdbcTemplate jdbc) {
        return new NodeLease(jdbc);
    }

    @Bean
    OpenApiCustomizer idempotencyKeyHeader(IdempotencyFilter filter) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            var error = OpenApiConfiguration.errorContent();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                var name = method.name().toUpperCase(Locale.ROOT);
                if (!IdempotencyFilter.covers(name, path)) {
                    return;
                }
                operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER)
                        .required(filter.required(name, path))
                        .description("Makes a retry safe: the same key and request within 24 h replays the "
                                + "first answer (marked Idempotent-Replayed: true); a different request "
                                + "with the key gets 409 DUPLICATE_REQUEST")
                        .schema(new StringSchema().maxLength(255)));
                if (!operation.getResponses().containsKey("409")) {
                    operation.getResponses().addApiResponse("409", new ApiResponse()
                            .description("DUPLICATE_REQUEST: the Idempotency-Key was used for another request")
                            .content(error));
                }
            }));
        };
    }
}
