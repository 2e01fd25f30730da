package com.postr.app.config;

import com.postr.command.spi.InventoryProperties;
import com.postr.command.spi.PaymentProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Settings the HTTP edge reads on every node, whatever its duties: the command side's own configuration binds
 * them too, but is absent on a node without the command duty. Each is a validated record, so a bad value stops
 * the app at start-up naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({InventoryProperties.class, PaymentProperties.class})
class SettingsConfiguration {
}
