package com.postr.app.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Locale;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Jackson turns {@code "framed": 3} or {@code "framed": "yes"} into a boolean by default; a client that sends
     * those has a bug we should report. Amounts may still come as strings ({@code "29.99"}), a common and exact
     * way to send money.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictBooleans() {
        return builder -> builder.postConfigurer(mapper -> {
            var booleans = mapper.coercionConfigFor(LogicalType.Boolean);
            booleans.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            booleans.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            booleans.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        });
    }

    /** Query parameters accept enum values in any case, as JSON bodies do ({@code ?status=active}). */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new CaseInsensitiveEnums());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class CaseInsensitiveEnums implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            return source -> source.isBlank() ? null
                    : (T) Enum.valueOf(targetType, source.strip().toUpperCase(Locale.ROOT));
        }
    }
}
