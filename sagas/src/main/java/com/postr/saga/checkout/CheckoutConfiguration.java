package com.postr.saga.checkout;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CheckoutConfiguration.CheckoutProperties.class,
        CheckoutConfiguration.ReservationProperties.class})
class CheckoutConfiguration {

    /**
     * @param paymentTimeout no payment outcome by then: void, release, cancel
     * @param capture        when the authorized amount is taken: on-shipment or on-confirmation
     */
    @ConfigurationProperties("postr.checkout")
    record CheckoutProperties(@DefaultValue("10m") Duration paymentTimeout,
                              @DefaultValue("on-shipment") CheckoutPolicy.Capture capture) {
    }

    /** @param reservationTtl how long a reservation made at placement holds stock */
    @ConfigurationProperties("postr.inventory")
    record ReservationProperties(@DefaultValue("15m") Duration reservationTtl) {
    }

    /** Refuses to start with a payment time-out that reservations would outlive (CheckoutPolicy says why). */
    @Bean
    CheckoutPolicy checkoutPolicy(CheckoutProperties checkout, ReservationProperties reservations) {
        return new CheckoutPolicy(checkout.paymentTimeout(), reservations.reservationTtl(), checkout.capture());
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
