package com.postr.command.payment;

import com.stripe.StripeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Stripe when a secret key is configured ({@code STRIPE_SECRET_KEY}), the simulated gateway otherwise. */
@Configuration(proxyBeanMethods = false)
class PaymentGatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayConfiguration.class);

    @Bean
    PaymentGateway paymentGateway(@Value("${postr.payments.stripe.secret-key:}") String secretKey,
                                  @Value("${postr.payments.stripe.api-base:}") String apiBase,
                                  @Value("${postr.payments.stripe.timeout:10s}") Duration timeout,
                                  @Value("${postr.payments.stripe.network-retries:2}") int networkRetries,
                                  @Value("${postr.payments.simulated.slow-delay:20s}") Duration slowDelay) {
        if (secretKey.isBlank()) {
            log.info("No Stripe secret key configured: payments go to the simulated gateway (Stripe test tokens)");
            return new SimulatedPaymentGateway(slowDelay);
        }
        var builder = StripeClient.builder().setApiKey(secretKey)
                .setConnectTimeout((int) timeout.toMillis()).setReadTimeout((int) timeout.toMillis())
                // the client retries network failures with the same idempotency key, which is safe
                .setMaxNetworkRetries(networkRetries);
        if (!apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        return new StripePaymentGateway(builder.build());
    }
}
