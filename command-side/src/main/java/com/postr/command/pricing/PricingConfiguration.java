package com.postr.command.pricing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PricingProperties.class)
class PricingConfiguration {

    @Bean
    PricingPolicy pricingPolicy(PricingProperties properties) {
        return properties.policy();
    }
}
