package com.postr.saga.checkout;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Locale;

@Configuration(proxyBeanMethods = false)
class CheckoutConfiguration {

    @Bean
    CheckoutPolicy checkoutPolicy(@Value("${postr.checkout.payment-timeout:10m}") Duration paymentTimeout,
                                  @Value("${postr.inventory.reservation-ttl:15m}") Duration reservationTtl,
                                  @Value("${postr.checkout.capture:on-shipment}") String capture) {
        return new CheckoutPolicy(paymentTimeout, reservationTtl,
                CheckoutPolicy.Capture.valueOf(capture.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    /**
     * Checkout starts at the head of the event stream: a node that gains the sagas role later must not re-run
     * checkout for every order ever placed (it would reserve stock and charge again for settled orders).
     */
    @Autowired
    void checkoutProcessor(EventProcessingConfigurer configurer) {
        configurer.registerTrackingEventProcessor(CheckoutSaga.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
