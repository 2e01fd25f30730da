package com.postr.app.notification;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    /** A new deployment must not email customers about every order in history: start at the head. */
    @Autowired
    void startEmailsAtTheHead(EventProcessingConfigurer configurer) {
        configurer.registerTrackingEventProcessorConfiguration(OrderConfirmationEmails.PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
