package com.postr.command.payment;

import com.postr.command.spi.PaymentProperties;

import com.stripe.StripeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** Stripe when a secret key is configured ({@code STRIPE_SECRET_KEY}), the simulated gateway otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentGatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayConfiguration.class);

    @Bean
    PaymentGateway paymentGateway(PaymentProperties properties) {
        var stripe = properties.stripe();
        if (!stripe.configured()) {
            log.info("No Stripe secret key configured: payments go to the simulated gateway (Stripe test tokens)");
            return new SimulatedPaymentGateway(properties.simulated().slowDelay());
        }
        var builder = StripeClient.builder().setApiKey(stripe.secretKey())
                .setConnectTimeout((int) stripe.timeout().toMillis()).setReadTimeout((int) stripe.timeout().toMillis())
                // the client retries network failures with the same idempotency key, which is safe
                .setMaxNetworkRetries(stripe.networkRetries());
        if (!stripe.apiBase().isBlank()) {
            builder.setApiBase(stripe.apiBase());
        }
        return new StripePaymentGateway(builder.build());
    }
}
