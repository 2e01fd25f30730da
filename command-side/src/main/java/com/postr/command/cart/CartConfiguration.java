package com.postr.command.cart;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CartConfiguration.CartProperties.class)
class CartConfiguration {

    /** @param expireAfter an untouched cart is abandoned (and counted) after this */
    @ConfigurationProperties("postr.cart")
    record CartProperties(@DefaultValue("30d") Duration expireAfter) {
        CartProperties {
            Settings.positive("postr.cart.expire-after", expireAfter);
        }
    }

    @Bean
    CartExpiry cartExpiry(CartProperties properties) {
        return new CartExpiry(properties.expireAfter());
    }
}
