package com.postr.query.order;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrderStatusUpdatesConfiguration {

    /**
     * Each node follows the stream for its own subscribers: a token in memory (a shared token would let only one
     * node hear each event) that starts at the head (nobody listens to the past). The processor is registered here
     * with its configuration; one declared in application.yml would be built from the properties instead, start at
     * the first event and replay the whole store at every start.
     */
    @Autowired
    void everyNodeFollowsTheHead(EventProcessingConfigurer configurer) {
        configurer.registerTokenStore(OrderStatusUpdates.PROCESSING_GROUP, c -> new InMemoryTokenStore());
        configurer.registerTrackingEventProcessor(OrderStatusUpdates.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
