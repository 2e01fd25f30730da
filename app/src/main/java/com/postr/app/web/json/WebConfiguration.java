package com.postr.app.web.json;

import com.postr.app.web.filter.ControlCharacters;
import com.postr.app.web.json.WebConfiguration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
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

    /**
     * A body is one JSON value, read as written: a key given twice ({@code "quantity": 1, "quantity": 2}) or
     * content after the value ({@code {} {}}) is an error rather than a guess, and no string may carry control
     * characters (ControlCharacters) into a command, an event or PostgreSQL.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictBodies() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Boot installs every Module bean into the HTTP mapper (and only there: Axon's mapper is its own). */
    @Bean
    SimpleModule controlCharacterChecks() {
        var strings = new SimpleModule("control-characters");
        strings.addDeserializer(String.class, new CheckedStrings());
        strings.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                if (ControlCharacters.present(key)) {
                    throw context.weirdKeyException(String.class, key, ControlCharacters.MESSAGE);
                }
                return key;
            }
        });
        return strings;
    }

    /** Jackson's own string reading, then the control-character rule. */
    private static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            var value = super.deserialize(parser, context);
            if (ControlCharacters.present(value)) {
                throw InvalidFormatException.from(parser, ControlCharacters.MESSAGE, value, String.class);
            }
            return value;
        }
    }

    /** Query parameters accept enum values in any case, as JSON bodies do ({@code ?status=active}). */
    /** The analytics dashboard: one static page, at its folder's address. */
    @Override
    public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
        registry.addRedirectViewController("/analytics", "/analytics/");
        registry.addViewController("/analytics/").setViewName("forward:/analytics/index.html");
    }

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
