package com.postr.command.cart;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class CartConfiguration {

    @Bean
    CartExpiry cartExpiry(@Value("${postr.cart.expire-after:30d}") Duration after) {
        return new CartExpiry(after);
    }
}
