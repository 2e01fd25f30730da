package com.postr.app.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI postrOpenApi() {
        return new OpenAPI().info(new Info().title("Postr Commerce API").version("v1")
                .description("Poster store backend. JSON in snake_case; every error has the body "
                        + "{\"error\": {\"code\", \"message\", \"details\", \"request_id\", \"timestamp\"}}. "
                        + "See docs/api.md."));
    }
}
